package dev.neurolens.dissect;

/**
 * Streams the activations of every unit of a layer and estimates the per-unit quantile that
 * becomes the dissection threshold.
 */
interface QuantileEstimator {

    /**
     * Adds a batch of activations {@code [n, units, h, w]} row-major.
     *
     * @param data the activations
     * @param images how many images the batch holds
     */
    void add(float[] data, int images);

    /** The thresholds: per unit the {@code 1 - quantile} quantile of everything added. */
    UnitThresholds thresholds();
}
