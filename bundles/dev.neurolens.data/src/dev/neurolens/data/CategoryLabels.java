package dev.neurolens.data;

import java.util.Arrays;
import java.util.List;

/**
 * The labels of one image in one category, at the mask resolution {@code width x height} (the
 * index's {@code sw x sh}): zero or more mask layers holding a label number per pixel (0 = no
 * label; dominant layer first), and zero or more whole-image labels, which apply to every pixel.
 *
 * <p>Network Dissection counts, per image and category, the pixels of each label; masks give
 * that per pixel, whole-image labels count {@code width * height} pixels each.
 *
 * <p>The mask arrays are handed out without copying, for speed: do not modify them.
 */
public final class CategoryLabels {
    private final String category;
    private final int width;
    private final int height;
    private final List<int[]> masks;
    private final int[] imageLabels;

    /**
     * Labels of one image in one category.
     *
     * @param category the category's name
     * @param width the mask width
     * @param height the mask height
     * @param masks mask layers, each {@code width * height} label numbers row-major (not copied)
     * @param imageLabels whole-image label numbers (copied)
     * @throws IllegalArgumentException if a mask has the wrong length
     */
    public CategoryLabels(String category, int width, int height, List<int[]> masks, int[] imageLabels) {
        for (int[] m : masks) {
            if (m.length != width * height) {
                throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + width * height
                        + " labels, got " + m.length);
            }
        }
        this.category = category;
        this.width = width;
        this.height = height;
        this.masks = List.copyOf(masks);
        this.imageLabels = imageLabels.clone();
    }

    /** The category's name. */
    public String category() {
        return category;
    }

    /** The mask width ({@code sw}). */
    public int width() {
        return width;
    }

    /** The mask height ({@code sh}). */
    public int height() {
        return height;
    }

    /** The number of mask layers. */
    public int maskCount() {
        return masks.size();
    }

    /** Mask layer {@code layer}: label numbers row-major; do not modify. */
    public int[] mask(int layer) {
        return masks.get(layer);
    }

    /** All mask layers, dominant first; do not modify the arrays. */
    public List<int[]> masks() {
        return masks;
    }

    /** The whole-image label numbers (a copy). */
    public int[] imageLabels() {
        return imageLabels.clone();
    }

    /** Whether the image has no label data in this category. */
    public boolean isEmpty() {
        return masks.isEmpty() && imageLabels.length == 0;
    }

    /** The label number of mask layer {@code layer} at pixel (x, y). */
    public int labelAt(int layer, int x, int y) {
        return masks.get(layer)[y * width + x];
    }

    /**
     * Every label number at pixel (x, y): the non-zero mask labels of each layer, then the
     * whole-image labels, without repeats.
     */
    public int[] labelsAt(int x, int y) {
        int[] out = new int[masks.size() + imageLabels.length];
        int n = 0;
        for (int[] m : masks) {
            n = addNew(out, n, m[y * width + x]);
        }
        for (int label : imageLabels) {
            n = addNew(out, n, label);
        }
        return Arrays.copyOf(out, n);
    }

    private static int addNew(int[] out, int n, int label) {
        if (label == 0) {
            return n;
        }
        for (int i = 0; i < n; i++) {
            if (out[i] == label) {
                return n;
            }
        }
        out[n] = label;
        return n + 1;
    }
}
