package dev.neurolens.data;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.progress.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A concept dataset in the Broden layout of NetDissect (see {@code docs/broden.md}):
 *
 * <pre>
 * DIR/index.csv      image,split,ih,iw,sh,sw,CATEGORY...   one row per image
 * DIR/category.csv   name,first,last,count,frequency       one row per category
 * DIR/label.csv      number,name,category,frequency,coverage,syns
 * DIR/c_CATEGORY.csv code,number,name,frequency,coverage   dense codes per category
 * DIR/images/...     images and masks (label = red + 256 * green)
 * </pre>
 *
 * <p>{@link #open} reads and checks the CSV files (a few megabytes even for the full Broden);
 * images and masks are decoded only when asked for, one image at a time, so a dataset of any size
 * can be streamed. Instances are immutable and safe to use from several threads.
 *
 * <p>Every error is a {@link NeuroLensException} that names the file and, for index rows, the
 * line and row.
 */
public final class BrodenDataset {
    private final Path directory;
    private final TreeMap<Integer, Label> labels;
    private final List<Category> categories;
    private final Map<String, Category> byName;
    private final List<IndexEntry> images;
    private final MaskLoader masks;

    private BrodenDataset(Path directory, TreeMap<Integer, Label> labels, List<Category> categories,
            List<IndexEntry> images) {
        this.directory = directory;
        this.labels = labels;
        this.categories = categories;
        Map<String, Category> map = new LinkedHashMap<>();
        categories.forEach(c -> map.put(c.name(), c));
        this.byName = map;
        this.images = images;
        this.masks = new MaskLoader(directory.resolve("images"), directory.resolve("index.csv"));
    }

    /**
     * Opens a Broden folder: reads {@code label.csv}, {@code category.csv}, every
     * {@code c_*.csv} and {@code index.csv}, and checks that they agree (columns present, numbers
     * well-formed, every label number known). Masks are checked when read (or by
     * {@link #validate}).
     *
     * @throws NeuroLensException naming the file and row at fault
     */
    public static BrodenDataset open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new NeuroLensException("not a Broden dataset folder: " + directory + (Files.exists(directory)
                    ? " is a file" : " does not exist"));
        }
        Path index = directory.resolve("index.csv");
        if (!Files.isRegularFile(index)) {
            throw new NeuroLensException("missing file " + index + ": " + directory
                    + " is not a Broden dataset folder");
        }
        TreeMap<Integer, Label> labels = LabelFile.read(directory.resolve("label.csv"));
        List<Category> categories = CategoryFiles.read(directory, labels);
        List<IndexEntry> images = IndexFile.read(index, categories);
        return new BrodenDataset(directory, labels, categories, images);
    }

    /** The dataset's folder. */
    public Path directory() {
        return directory;
    }

    /** The categories, in {@code category.csv} order. */
    public List<Category> categories() {
        return categories;
    }

    /** The names of the categories, in {@code category.csv} order. */
    public List<String> categoryNames() {
        return List.copyOf(byName.keySet());
    }

    /**
     * A category by name.
     *
     * @throws NeuroLensException if the dataset has no such category (the message lists them)
     */
    public Category category(String name) {
        Category c = byName.get(name);
        if (c == null) {
            throw new NeuroLensException("the dataset " + directory + " has no category '" + name + "' (it has "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return c;
    }

    /** All labels, by ascending number. */
    public List<Label> labels() {
        return List.copyOf(labels.values());
    }

    /** The label with this number, or {@code null}. */
    public Label label(int number) {
        return labels.get(number);
    }

    /** One more than the largest label number: the length of a per-label array. */
    public int labelCount() {
        return labels.lastKey() + 1;
    }

    /** The number of images. */
    public int size() {
        return images.size();
    }

    /** The rows of {@code index.csv}, in file order. */
    public List<IndexEntry> images() {
        return images;
    }

    /** The row of image {@code index} (0-based). */
    public IndexEntry image(int index) {
        return images.get(index);
    }

    /** The image file of image {@code index}. */
    public Path imageFile(int index) {
        return directory.resolve("images").resolve(images.get(index).image());
    }

    /**
     * Decodes image {@code index} to 8-bit RGB.
     *
     * @throws NeuroLensException naming the file and the index row if it is missing, cannot be
     *     decoded, or is not {@code iw x ih}
     */
    public BufferedImage readImage(int index) {
        IndexEntry e = images.get(index);
        Path file = imageFile(index);
        if (!Files.isRegularFile(file)) {
            throw new NeuroLensException("missing image " + file + " (" + masks.where(e) + ")");
        }
        BufferedImage img = Images.read(file);
        checkImageSize(e, file, img.getWidth(), img.getHeight());
        return img;
    }

    /** The labels of image {@code index} in every category. */
    public ImageLabels read(int index) {
        return read(index, byName.keySet());
    }

    /**
     * The labels of image {@code index} in the given categories, masks decoded at
     * {@code sw x sh}.
     *
     * @throws NeuroLensException for an unknown category, or naming the mask file and index row
     *     if a mask is missing, of the wrong size, or holds a label its category does not list
     */
    public ImageLabels read(int index, Collection<String> categoryNames) {
        IndexEntry e = images.get(index);
        Map<String, CategoryLabels> out = new LinkedHashMap<>();
        for (String name : categoryNames) {
            out.put(name, masks.load(e, category(name)));
        }
        return new ImageLabels(e, out);
    }

    /**
     * The labels of every image in the given categories, decoded lazily in index order: only the
     * image being consumed is held in memory. The stream may be made parallel.
     */
    public Stream<ImageLabels> stream(Collection<String> categoryNames) {
        List<String> names = List.copyOf(categoryNames);
        names.forEach(this::category); // fail now, not in the middle of the stream
        return IntStream.range(0, images.size()).mapToObj(i -> read(i, names));
    }

    /**
     * Checks every row: each image exists and is {@code iw x ih} (read from its header only), each
     * mask decodes to {@code sw x sh} with labels of its category. Stops at the first problem.
     *
     * @throws NeuroLensException naming the file and row of the first problem
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public void validate(Progress progress) {
        progress.begin("Checking " + directory, images.size());
        try {
            for (IndexEntry e : images) {
                progress.checkCancelled();
                Path file = directory.resolve("images").resolve(e.image());
                if (!Files.isRegularFile(file)) {
                    throw new NeuroLensException("missing image " + file + " (" + masks.where(e) + ")");
                }
                int[] size = headerSize(file);
                checkImageSize(e, file, size[0], size[1]);
                for (Category c : categories) {
                    masks.load(e, c);
                }
                progress.worked(1);
            }
        } finally {
            progress.done();
        }
    }

    private void checkImageSize(IndexEntry e, Path file, int width, int height) {
        if (width != e.imageWidth() || height != e.imageHeight()) {
            throw new NeuroLensException("image " + file + " is " + width + "x" + height + " pixels, but "
                    + masks.where(e) + " gives iw x ih = " + e.imageWidth() + "x" + e.imageHeight());
        }
    }

    private static int[] headerSize(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new NeuroLensException("cannot decode image " + file + ": not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Broden dataset " + directory + " (" + images.size() + " images, categories " + byName.keySet() + ")";
    }
}
