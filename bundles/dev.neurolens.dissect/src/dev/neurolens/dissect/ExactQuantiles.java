package dev.neurolens.dissect;

import java.util.Arrays;

/**
 * Exact per-unit quantiles in one streaming pass: the total number of values {@code N} is known in
 * advance, so the {@code 1 - q} quantile with numpy's "linear" interpolation,
 * {@code x[lo] + (p - lo) (x[lo+1] - x[lo])} with {@code p = (1 - q)(N - 1)} and
 * {@code lo = floor(p)} over the sorted values, needs only the {@code m = N - lo} largest values
 * of each unit. Each unit keeps them in a buffer of {@code 2m} that is cut back to the top
 * {@code m} when full (amortized {@code O(log m)} per value that beats the current cut; most values
 * are rejected by one comparison).
 */
final class ExactQuantiles implements QuantileEstimator {
    private final double quantile;
    private final int units;
    private final int plane;
    private final long total;
    private final double position;
    private final int keep;
    private final float[][] buffers;
    private final int[] counts;
    private final float[] cuts;
    private long added;

    /**
     * @param quantile the top fraction, in (0, 1)
     * @param units the number of units
     * @param plane values per unit and image ({@code h * w})
     * @param images the number of images that will be added
     */
    ExactQuantiles(double quantile, int units, int plane, long images) {
        this.quantile = quantile;
        this.units = units;
        this.plane = plane;
        this.total = images * plane;
        this.position = (1 - quantile) * (total - 1);
        this.keep = keep(quantile, plane, images);
        this.buffers = new float[units][2 * keep];
        this.counts = new int[units];
        this.cuts = new float[units];
        Arrays.fill(cuts, Float.NEGATIVE_INFINITY);
    }

    /** How many values per unit must be kept for the exact quantile. */
    static int keep(double quantile, int plane, long images) {
        long n = images * plane;
        long lo = (long) Math.floor((1 - quantile) * (n - 1));
        long m = n - lo;
        if (m > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many values for an exact quantile: " + m);
        }
        return (int) Math.max(1, m);
    }

    /** The bytes an exact estimator needs. */
    static long bytes(double quantile, int units, int plane, long images) {
        return 8L * units * keep(quantile, plane, images);
    }

    @Override
    public void add(float[] data, int images) {
        for (int i = 0; i < images; i++) {
            for (int k = 0; k < units; k++) {
                int from = (i * units + k) * plane;
                float[] buf = buffers[k];
                float cut = cuts[k];
                int n = counts[k];
                for (int j = from; j < from + plane; j++) {
                    float v = data[j];
                    if (v > cut || n < keep) {
                        if (Float.isNaN(v)) {
                            throw new IllegalStateException("NaN activation of unit " + k);
                        }
                        buf[n++] = v;
                        if (n == buf.length) {
                            n = cutBack(buf);
                            cut = buf[0];
                        }
                    }
                }
                counts[k] = n;
                cuts[k] = cut;
            }
        }
        added += (long) images * plane;
    }

    /** Keeps the {@code keep} largest values at the start of {@code buf}, smallest first. */
    private int cutBack(float[] buf) {
        Arrays.sort(buf);
        System.arraycopy(buf, buf.length - keep, buf, 0, keep);
        return keep;
    }

    @Override
    public UnitThresholds thresholds() {
        if (added != total) {
            throw new IllegalStateException("expected " + total + " values per unit, got " + added);
        }
        long lo = (long) Math.floor(position);
        double frac = position - lo;
        float[] t = new float[units];
        for (int k = 0; k < units; k++) {
            float[] all = Arrays.copyOf(buffers[k], counts[k]);
            Arrays.sort(all);
            // the last `keep` values are those of ranks lo .. N - 1 (0-based, ascending)
            int a = all.length - keep;
            double xa = all[a];
            double xb = a + 1 < all.length ? all[a + 1] : xa;
            t[k] = (float) (xa + frac * (xb - xa));
        }
        return new UnitThresholds(quantile, t, true, 0);
    }
}
