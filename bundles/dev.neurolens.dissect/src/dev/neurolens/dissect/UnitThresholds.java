package dev.neurolens.dissect;

/**
 * Per-unit activation thresholds {@code T_k}: the {@code 1 - quantile} quantile of all of a unit's
 * activations over every spatial position of every image (Bau et al. 2017, Sec. 3.1: the top
 * {@code quantile} of activations, 0.005 by default).
 *
 * @param quantile the top fraction of activations above the threshold
 * @param values the threshold per unit
 * @param exact whether the thresholds are exact order statistics (with numpy's "linear"
 *     interpolation) or estimates from a {@link QuantileSketch}
 * @param relativeError the sketch's bound on the relative error of each value ({@code 0} when exact)
 */
public record UnitThresholds(double quantile, float[] values, boolean exact, double relativeError) {

    /** Compact constructor: copies the values. */
    public UnitThresholds {
        values = values.clone();
    }

    /** The number of units. */
    public int units() {
        return values.length;
    }

    /** The threshold of unit {@code k}. */
    public float of(int k) {
        return values[k];
    }

    /** The thresholds (a copy). */
    @Override
    public float[] values() {
        return values.clone();
    }
}
