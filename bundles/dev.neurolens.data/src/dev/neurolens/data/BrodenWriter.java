package dev.neurolens.data;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.internal.CsvWriter;
import dev.neurolens.data.internal.PngEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a Broden dataset (the layout {@link BrodenDataset} reads) so that a failed or cancelled
 * run leaves nothing that looks like a dataset: everything goes to a hidden staging folder next to
 * the target ({@code .NAME.partial-RANDOM}), which {@link #commit} renames to the target in one
 * step once every file is written; {@link #close} without a commit deletes it.
 *
 * <p>{@link #write} may be called from several threads at once, each image with its own index;
 * {@link #commit} writes the rows in index order and computes the statistics of
 * {@code label.csv}, {@code category.csv} and {@code c_*.csv} (image counts and pixel coverage,
 * as NetDissect's {@code joinseg.py} does) in that order, so the output does not depend on the
 * threads' timing.
 */
public final class BrodenWriter implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final LabelSpace labels;
    private final List<String> categories;
    /** member[c][number]: whether label number belongs to category c. */
    private final boolean[][] member;
    private final Map<Integer, Row> rows = new ConcurrentHashMap<>();
    /** Folders known to exist; computeIfAbsent makes other threads wait until one is created. */
    private final Map<Path, Boolean> folders = new ConcurrentHashMap<>();
    private volatile boolean committed;

    /** An index row and the label statistics of one image, kept until the commit. */
    private record Row(String image, List<String> fields, int maskPixels, int[] stats) {
    }

    private BrodenWriter(Path target, Path staging, LabelSpace labels) {
        this.target = target;
        this.staging = staging;
        this.labels = labels;
        this.categories = labels.categories();
        this.member = new boolean[categories.size()][labels.count() + 1];
        for (int c = 0; c < categories.size(); c++) {
            for (int n = 1; n <= labels.count(); n++) {
                member[c][n] = labels.code(categories.get(c), n) > 0;
            }
        }
    }

    /**
     * Starts a dataset that {@link #commit} will put at {@code target}.
     *
     * @throws NeuroLensException if {@code target} exists and is not an empty folder, or the
     *     staging folder cannot be created
     */
    public static BrodenWriter create(Path target, LabelSpace labels) {
        Path absolute = target.toAbsolutePath().normalize();
        checkTarget(absolute);
        Path parent = absolute.getParent();
        Path staging = parent.resolve("." + absolute.getFileName() + ".partial-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        try {
            Files.createDirectories(staging.resolve("images"));
        } catch (IOException e) {
            throw new NeuroLensException("cannot create " + staging + ": " + e.getMessage(), e);
        }
        return new BrodenWriter(absolute, staging, labels);
    }

    /**
     * Writes one image and its masks (PNG) and records its index row. All-zero mask layers are
     * not written: the image simply has no pixel labels there.
     *
     * @param index the image's 0-based position in {@code index.csv}
     * @throws IllegalArgumentException for an index used twice, an unknown category, or a label
     *     that is not in its category
     * @throws NeuroLensException if a file cannot be written
     */
    public void write(int index, BrodenImage image) {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        for (String c : image.masks().keySet()) {
            categoryIndex(c);
        }
        for (String c : image.imageLabels().keySet()) {
            categoryIndex(c);
        }
        int maskPixels = image.maskWidth() * image.maskHeight();
        List<String> fields = new ArrayList<>(6 + categories.size());
        String imageFile = image.name() + ".png";
        fields.add(imageFile);
        fields.add(image.split());
        fields.add(Integer.toString(image.height()));
        fields.add(Integer.toString(image.width()));
        fields.add(Integer.toString(image.maskHeight()));
        fields.add(Integer.toString(image.maskWidth()));
        IntList stats = new IntList();
        try {
            put(imageFile, PngEncoder.rgb(image.rgb(), image.width(), image.height()));
            for (int c = 0; c < categories.size(); c++) {
                String category = categories.get(c);
                List<String> entries = new ArrayList<>();
                List<int[]> layers = image.masks().getOrDefault(category, List.of());
                int[] counts = new int[labels.count() + 1];
                int written = 0;
                for (int[] mask : layers) {
                    if (!count(image.name(), c, mask, counts)) {
                        continue;
                    }
                    written++;
                    String file = image.name() + "_" + category + (layers.size() > 1 ? "_" + written : "") + ".png";
                    put(file, PngEncoder.labels(mask, image.maskWidth(), image.maskHeight()));
                    entries.add(file);
                }
                for (int n = 1; n < counts.length; n++) {
                    if (counts[n] > 0) {
                        stats.add(c, n, counts[n]);
                    }
                }
                for (int n : image.imageLabels().getOrDefault(category, List.of())) {
                    checkLabel(image.name(), c, n);
                    entries.add(Integer.toString(n));
                    stats.add(c, n, maskPixels); // a whole-image label covers every pixel
                }
                fields.add(String.join(";", entries));
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot write image " + image.name() + " into " + staging + ": "
                    + e.getMessage(), e);
        }
        if (rows.putIfAbsent(index, new Row(imageFile, fields, maskPixels, stats.toArray())) != null) {
            throw new IllegalArgumentException("image index " + index + " written twice");
        }
    }

    /** Adds a mask's labels to {@code counts}; whether it has any non-zero label. */
    private boolean count(String image, int category, int[] mask, int[] counts) {
        boolean any = false;
        for (int v : mask) {
            if (v != 0) {
                if (v < 0 || v >= counts.length || !member[category][v]) {
                    checkLabel(image, category, v);
                }
                counts[v]++;
                any = true;
            }
        }
        return any;
    }

    private void checkLabel(String image, int category, int number) {
        if (number < 1 || number > labels.count() || !member[category][number]) {
            throw new IllegalArgumentException(image + ": label " + number + " is not in category '"
                    + categories.get(category) + "'");
        }
    }

    private int categoryIndex(String category) {
        int c = categories.indexOf(category);
        if (c < 0) {
            throw new IllegalArgumentException("unknown category '" + category + "' (the label space has "
                    + categories + ")");
        }
        return c;
    }

    private void put(String relative, byte[] bytes) throws IOException {
        Path file = staging.resolve("images").resolve(relative);
        try {
            folders.computeIfAbsent(file.getParent(), folder -> {
                try {
                    Files.createDirectories(folder);
                    return Boolean.TRUE;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.write(file, bytes);
    }

    /**
     * Writes the CSV files (and {@code README.txt} if {@code readme} is not empty) and moves the
     * dataset to the target.
     *
     * @return the target folder
     * @throws IllegalStateException if the written indices are not 0..n-1 or names repeat
     * @throws NeuroLensException if the target has appeared meanwhile or a file cannot be
     *     written or moved
     */
    public Path commit(String readme) {
        int n = rows.size();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            if (r == null) {
                throw new IllegalStateException("image index " + i + " was not written (" + n + " images were)");
            }
            if (!names.add(r.image())) {
                throw new IllegalStateException("two images are named " + r.image());
            }
        }
        int[][] frequency = new int[categories.size()][labels.count() + 1];
        double[][] coverage = new double[categories.size()][labels.count() + 1];
        CsvWriter index = new CsvWriter();
        List<String> header = new ArrayList<>(List.of("image", "split", "ih", "iw", "sh", "sw"));
        header.addAll(categories);
        index.line(header);
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            index.line(r.fields());
            int[] s = r.stats();
            for (int k = 0; k < s.length; k += 3) {
                frequency[s[k]][s[k + 1]]++;
                coverage[s[k]][s[k + 1]] += (double) s[k + 2] / r.maskPixels();
            }
        }
        try {
            write("index.csv", index.toString());
            write("label.csv", labelCsv(frequency, coverage));
            write("category.csv", categoryCsv(frequency));
            for (int c = 0; c < categories.size(); c++) {
                write("c_" + categories.get(c) + ".csv", codingCsv(c, frequency[c], coverage[c]));
            }
            if (!readme.isEmpty()) {
                write("README.txt", readme);
            }
            checkTarget(target);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot write the dataset " + target + ": " + e.getMessage(), e);
        }
        committed = true;
        return target;
    }

    private String labelCsv(int[][] frequency, double[][] coverage) {
        CsvWriter out = new CsvWriter().line("number", "name", "category", "frequency", "coverage", "syns");
        for (int n = 1; n <= labels.count(); n++) {
            final int number = n;
            List<Integer> cats = new ArrayList<>();
            for (int c = 0; c < categories.size(); c++) {
                if (member[c][n]) {
                    cats.add(c);
                }
            }
            // NetDissect lists a label's categories by descending frequency; ties keep category order
            cats.sort(Comparator.comparingInt(c -> -frequency[c][number]));
            List<String> parts = new ArrayList<>();
            int total = 0;
            double cover = 0;
            for (int c : cats) {
                parts.add(categories.get(c) + "(" + frequency[c][n] + ")");
                total += frequency[c][n];
                cover += coverage[c][n];
            }
            out.line(Integer.toString(n), labels.name(n), String.join(";", parts), Integer.toString(total),
                    decimal(cover), "");
        }
        return out.toString();
    }

    private String categoryCsv(int[][] frequency) {
        CsvWriter out = new CsvWriter().line("name", "first", "last", "count", "frequency");
        for (int c = 0; c < categories.size(); c++) {
            int first = 0;
            int last = 0;
            int count = 0;
            long total = 0;
            for (int n = 1; n <= labels.count(); n++) {
                if (member[c][n]) {
                    first = first == 0 ? n : first;
                    last = n;
                    count++;
                    total += frequency[c][n];
                }
            }
            out.line(categories.get(c), Integer.toString(first), Integer.toString(last), Integer.toString(count),
                    Long.toString(total));
        }
        return out.toString();
    }

    private String codingCsv(int c, int[] frequency, double[] coverage) {
        CsvWriter out = new CsvWriter().line("code", "number", "name", "frequency", "coverage");
        List<String> names = labels.names(categories.get(c));
        for (int code = 1; code <= names.size(); code++) {
            int n = labels.number(categories.get(c), names.get(code - 1));
            out.line(Integer.toString(code), Integer.toString(n), names.get(code - 1), Integer.toString(frequency[n]),
                    decimal(coverage[n]));
        }
        return out.toString();
    }

    /** Six decimals, as Python's {@code '%f'} that NetDissect writes. */
    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%f", v);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(staging.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void checkTarget(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new NeuroLensException("cannot write a dataset to " + target + ": it is a file");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent()) {
                throw new NeuroLensException("cannot write a dataset to " + target
                        + ": the folder exists and is not empty; choose a new folder or delete this one");
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the staging folder unless {@link #commit} has moved it into place. */
    @Override
    public void close() {
        if (committed || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new NeuroLensException("cannot delete the unfinished dataset " + staging + ": " + e.getMessage(), e);
        }
    }

    /** A growable list of int triples (category, label, pixels). */
    private static final class IntList {
        private int[] data = new int[24];
        private int size;

        void add(int a, int b, int c) {
            if (size + 3 > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
