package dev.neurolens.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a Broden {@code index.csv}: an image, its sizes, and for each category the label
 * data it has. Nothing is decoded here; {@link BrodenDataset#read} loads the masks.
 *
 * @param index the 0-based position of the image in the dataset
 * @param line the line of {@code index.csv} on which the row starts (for messages)
 * @param image the image file, relative to the dataset's {@code images/} folder
 * @param split the split ({@code train}, {@code val}), or empty if the file has no split column
 * @param imageHeight {@code ih}: the image's height
 * @param imageWidth {@code iw}: the image's width
 * @param maskHeight {@code sh}: the height of the masks (and of whole-image label planes)
 * @param maskWidth {@code sw}: the width of the masks
 * @param cells the label data per category, in {@code category.csv} order; a category without
 *     data has an empty cell
 */
public record IndexEntry(int index, int line, String image, String split, int imageHeight, int imageWidth,
        int maskHeight, int maskWidth, Map<String, Cell> cells) {

    /** Copies the map so the record stays immutable. */
    public IndexEntry {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /**
     * The label data of one category: mask files (relative to {@code images/}, dominant first) and
     * whole-image label numbers.
     *
     * @param maskFiles mask files whose pixels hold label numbers as {@code red + 256 * green}
     * @param imageLabels label numbers that apply to every pixel of the image
     */
    public record Cell(List<String> maskFiles, List<Integer> imageLabels) {
        /** An empty cell. */
        public static final Cell EMPTY = new Cell(List.of(), List.of());

        /** Copies the lists so the record stays immutable. */
        public Cell {
            maskFiles = List.copyOf(maskFiles);
            imageLabels = List.copyOf(imageLabels);
        }

        /** Whether the cell holds no label data. */
        public boolean isEmpty() {
            return maskFiles.isEmpty() && imageLabels.isEmpty();
        }
    }

    /** The cell of a category ({@link Cell#EMPTY} if the category is unknown or has no data here). */
    public Cell cell(String category) {
        return cells.getOrDefault(category, Cell.EMPTY);
    }
}
