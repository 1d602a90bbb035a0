package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Images;
import dev.neurolens.data.BrodenDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Images to dissect or to find exemplars in: a Broden dataset's, or a folder's. */
public interface ImageSource {

    /** The number of images. */
    int size();

    /** A short name of image {@code index} (its path relative to the source). */
    String name(int index);

    /**
     * Decodes image {@code index} to RGB.
     *
     * @throws NeuroLensException naming the file if it cannot be read
     */
    BufferedImage read(int index);

    /** The images of a Broden dataset, in {@code index.csv} order. */
    static ImageSource of(BrodenDataset dataset) {
        return new ImageSource() {
            @Override
            public int size() {
                return dataset.size();
            }

            @Override
            public String name(int index) {
                return dataset.image(index).image();
            }

            @Override
            public BufferedImage read(int index) {
                return dataset.readImage(index);
            }
        };
    }

    /**
     * The PNG, JPEG, BMP and GIF files of {@code folder} (not recursive), sorted by name.
     *
     * @throws NeuroLensException if the folder cannot be listed or holds no images
     */
    static ImageSource folder(Path folder) {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(ImageSource::isImage).sorted().toList();
        } catch (IOException e) {
            throw new NeuroLensException("cannot list images in " + folder + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new NeuroLensException("no images (.png, .jpg, .jpeg, .bmp, .gif) in " + folder);
        }
        return new ImageSource() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public String name(int index) {
                return files.get(index).getFileName().toString();
            }

            @Override
            public BufferedImage read(int index) {
                return Images.read(files.get(index));
            }
        };
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
                || n.endsWith(".gif");
    }
}
