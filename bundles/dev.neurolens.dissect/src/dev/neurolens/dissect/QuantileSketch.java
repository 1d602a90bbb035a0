package dev.neurolens.dissect;

/**
 * Streaming per-unit quantiles with a bounded relative error, for datasets whose exact thresholds
 * do not fit the memory budget: a logarithmic histogram in the manner of DDSketch (Masson, Rim and
 * Lee, VLDB 2019). A value {@code v} with {@code |v| >= MIN} goes to bucket
 * {@code i = ceil(log_g |v|)} of its sign, {@code g = (1 + a) / (1 - a)}; values with
 * {@code |v| < MIN} count as zero. The bucket's representative {@code 2 g^i / (g + 1)} is within a
 * relative error {@code a} of every value in the bucket, so the value returned for any rank is
 * within {@code a} (relative) of the true order statistic of that rank, and the interpolated
 * quantile of two neighbouring ranks likewise (both have the same sign or are bounded by zero).
 * Memory per unit: one counter per occupied bucket range, about {@code ln(max/min) / (2a)}.
 */
final class QuantileSketch implements QuantileEstimator {
    /** Values smaller in magnitude than this count as zero. */
    static final double MIN = 1e-12;

    private final double quantile;
    private final double accuracy;
    private final double logGamma;
    private final int units;
    private final int plane;
    private final Store[] positive;
    private final Store[] negative;
    private final long[] zeros;
    private long added;

    /**
     * @param quantile the top fraction, in (0, 1)
     * @param accuracy the relative error bound {@code a}, in (0, 1)
     * @param units the number of units
     * @param plane values per unit and image ({@code h * w})
     */
    QuantileSketch(double quantile, double accuracy, int units, int plane) {
        this.quantile = quantile;
        this.accuracy = accuracy;
        this.logGamma = Math.log((1 + accuracy) / (1 - accuracy));
        this.units = units;
        this.plane = plane;
        this.positive = new Store[units];
        this.negative = new Store[units];
        this.zeros = new long[units];
        for (int k = 0; k < units; k++) {
            positive[k] = new Store();
            negative[k] = new Store();
        }
    }

    @Override
    public void add(float[] data, int images) {
        for (int i = 0; i < images; i++) {
            for (int k = 0; k < units; k++) {
                int from = (i * units + k) * plane;
                for (int j = from; j < from + plane; j++) {
                    float v = data[j];
                    if (Float.isNaN(v)) {
                        throw new IllegalStateException("NaN activation of unit " + k);
                    }
                    double m = Math.abs(v);
                    if (m < MIN) {
                        zeros[k]++;
                    } else {
                        (v > 0 ? positive[k] : negative[k]).add(index(m));
                    }
                }
            }
        }
        added += (long) images * plane;
    }

    private int index(double magnitude) {
        return (int) Math.ceil(Math.log(magnitude) / logGamma);
    }

    private double representative(int index) {
        return 2 * Math.exp(index * logGamma) / (1 + Math.exp(logGamma));
    }

    @Override
    public UnitThresholds thresholds() {
        double position = (1 - quantile) * (added - 1);
        long lo = (long) Math.floor(position);
        double frac = position - lo;
        float[] t = new float[units];
        for (int k = 0; k < units; k++) {
            double a = valueAt(k, lo);
            double b = lo + 1 < added ? valueAt(k, lo + 1) : a;
            t[k] = (float) (a + frac * (b - a));
        }
        return new UnitThresholds(quantile, t, false, accuracy);
    }

    /** The estimated value of 0-based ascending rank {@code rank} of unit {@code k}. */
    double valueAt(int k, long rank) {
        long seen = 0;
        Store neg = negative[k];
        for (int i = neg.count.length - 1; i >= 0; i--) {
            seen += neg.count[i];
            if (rank < seen) {
                return -representative(i + neg.offset);
            }
        }
        seen += zeros[k];
        if (rank < seen) {
            return 0;
        }
        Store pos = positive[k];
        for (int i = 0; i < pos.count.length; i++) {
            seen += pos.count[i];
            if (rank < seen) {
                return representative(i + pos.offset);
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + seen + " values");
    }

    /** Counters for a contiguous, growing range of bucket indices. */
    private static final class Store {
        long[] count = new long[0];
        int offset;

        void add(int index) {
            if (count.length == 0) {
                count = new long[64];
                offset = index - 32;
            }
            if (index < offset || index >= offset + count.length) {
                grow(index);
            }
            count[index - offset]++;
        }

        private void grow(int index) {
            int lo = Math.min(offset, index);
            int hi = Math.max(offset + count.length, index + 1);
            int size = Math.max(hi - lo, 2 * count.length);
            int newOffset = index < offset ? hi - size : lo;
            long[] c = new long[size];
            System.arraycopy(count, 0, c, offset - newOffset, count.length);
            count = c;
            offset = newOffset;
        }
    }
}
