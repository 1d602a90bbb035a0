package dev.neurolens.dissect;

import java.util.BitSet;

/**
 * One of a unit's top images: where and how strongly it fires, with what it sees.
 *
 * @param image the image's index in its source
 * @param name the image's name in its source
 * @param score the unit's maximum activation over the image (its minimum when minimizing)
 * @param peakRow the layer row of that activation
 * @param peakColumn the layer column of that activation
 * @param field the receptive field of the peak in input pixels, clipped to the input
 * @param map the unit's activation map, {@code mapHeight x mapWidth} row-major
 * @param mapHeight the layer's height
 * @param mapWidth the layer's width
 * @param mask the binarized upsampled map ({@link BilinearMask}) at the mask resolution, bit
 *     {@code y * maskWidth + x}
 * @param maskHeight the mask height (the dataset's {@code sh}, or the input height)
 * @param maskWidth the mask width
 */
public record Exemplar(int image, String name, float score, int peakRow, int peakColumn, Region field, float[] map,
        int mapHeight, int mapWidth, BitSet mask, int maskHeight, int maskWidth) {

    /** Compact constructor: copies the arrays. */
    public Exemplar {
        map = map.clone();
        mask = (BitSet) mask.clone();
    }

    /** The activation map (a copy). */
    @Override
    public float[] map() {
        return map.clone();
    }

    /** The binary mask (a copy). */
    @Override
    public BitSet mask() {
        return (BitSet) mask.clone();
    }

    /** Whether mask pixel (y, x) is on. */
    public boolean masked(int y, int x) {
        return mask.get(y * maskWidth + x);
    }
}
