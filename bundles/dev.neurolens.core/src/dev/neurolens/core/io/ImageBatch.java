package dev.neurolens.core.io;

import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Image files preprocessed into one input batch, as every front end prepares them.
 *
 * @param batch the input batch in the model's layout
 * @param names a name per image: the file name without its extension, made unique with
 *     {@code -2}, {@code -3}, ... when two files share it (result files are named after it)
 * @param pictures each image fitted to the input size, for display under a heatmap
 */
public record ImageBatch(Tensor batch, List<String> names, List<BufferedImage> pictures) {

    /** Compact constructor: copies the lists. */
    public ImageBatch {
        names = List.copyOf(names);
        pictures = List.copyOf(pictures);
    }

    /**
     * Reads, fits and preprocesses {@code files} ({@link Images#read}, {@link Images#fit},
     * {@link Images#toTensor}).
     *
     * @throws dev.neurolens.core.NeuroLensException naming the first file that cannot be read
     * @throws IllegalArgumentException if there are no files
     */
    public static ImageBatch load(List<Path> files, Preprocessing pre) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images given");
        }
        List<Tensor> items = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<BufferedImage> pictures = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Path f : files) {
            BufferedImage fitted = Images.fit(Images.read(f), pre);
            items.add(Images.toTensor(fitted, pre));
            names.add(unique(stem(f), taken));
            pictures.add(fitted);
        }
        return new ImageBatch(Tensor.stack(items), names, pictures);
    }

    /** A file name without its last extension. */
    public static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String unique(String stem, Set<String> taken) {
        String name = stem;
        for (int k = 2; !taken.add(name); k++) {
            name = stem + "-" + k;
        }
        return name;
    }
}
