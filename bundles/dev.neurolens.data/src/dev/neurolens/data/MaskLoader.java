package dev.neurolens.data;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.internal.MaskDecoder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and checks the masks of one index row: each must exist, be {@code sw x sh}, and hold
 * only labels of its category (or 0). Errors name the mask file and the index row.
 */
final class MaskLoader {
    private final Path images;
    private final Path indexFile;

    MaskLoader(Path images, Path indexFile) {
        this.images = images;
        this.indexFile = indexFile;
    }

    CategoryLabels load(IndexEntry entry, Category category) {
        IndexEntry.Cell cell = entry.cell(category.name());
        List<int[]> masks = new ArrayList<>(cell.maskFiles().size());
        for (String name : cell.maskFiles()) {
            masks.add(mask(entry, category, name));
        }
        int[] imageLabels = cell.imageLabels().stream().mapToInt(Integer::intValue).toArray();
        return new CategoryLabels(category.name(), entry.maskWidth(), entry.maskHeight(), masks, imageLabels);
    }

    private int[] mask(IndexEntry entry, Category category, String name) {
        Path file = images.resolve(name);
        String context = " (" + where(entry) + ", column '" + category.name() + "')";
        if (!Files.isRegularFile(file)) {
            throw new NeuroLensException("missing mask file " + file + context);
        }
        MaskDecoder.Mask m;
        try {
            m = MaskDecoder.read(file);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new NeuroLensException("missing mask file " + file + context, e);
        } catch (IOException | RuntimeException e) {
            throw new NeuroLensException("cannot decode mask " + file + context + ": " + e.getMessage(), e);
        }
        if (m.width() != entry.maskWidth() || m.height() != entry.maskHeight()) {
            throw new NeuroLensException("mask " + file + " is " + m.width() + "x" + m.height() + " pixels, but "
                    + where(entry) + " gives sw x sh = " + entry.maskWidth() + "x" + entry.maskHeight());
        }
        int[] labels = m.labels();
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i];
            if (v != 0 && !category.contains(v)) {
                throw new NeuroLensException("mask " + file + context + ": pixel (" + i % m.width() + ","
                        + i / m.width() + ") has label " + v + ", which c_" + category.name()
                        + ".csv does not list");
            }
        }
        return labels;
    }

    /** "DIR/index.csv line L (row R, image I)". */
    String where(IndexEntry entry) {
        return indexFile + " line " + entry.line() + " (row " + (entry.index() + 1) + ", image " + entry.image()
                + ")";
    }
}
