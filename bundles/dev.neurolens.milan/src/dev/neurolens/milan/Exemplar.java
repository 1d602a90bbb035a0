package dev.neurolens.milan;

import java.util.BitSet;

/**
 * One exemplar of a unit: an image of the concept dataset and the unit's binarized activation
 * region in it, at the dataset's mask resolution ({@code sw x sh}).
 *
 * @param image the image's index in the dataset (0-based row of {@code index.csv})
 * @param activation the unit's maximum activation in the image (what the exemplars are ranked by)
 * @param width the mask width ({@code sw})
 * @param height the mask height ({@code sh})
 * @param mask the pixels where the unit's upsampled activation exceeds its threshold, row-major
 *     bit {@code y * width + x}; copied in and out
 */
public record Exemplar(int image, double activation, int width, int height, BitSet mask) {

    /** Checks the fields and copies the mask. */
    public Exemplar {
        if (image < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad exemplar: image " + image + ", mask " + width + "x" + height);
        }
        if (mask.length() > width * height) {
            throw new IllegalArgumentException("mask has pixels beyond " + width + "x" + height);
        }
        mask = (BitSet) mask.clone();
    }

    /** A copy of the mask. */
    @Override
    public BitSet mask() {
        return (BitSet) mask.clone();
    }

    /** Whether the unit is active at mask pixel (x, y). */
    public boolean covers(int x, int y) {
        return mask.get(y * width + x);
    }

    /** The number of active mask pixels. */
    public int area() {
        return mask.cardinality();
    }
}
