package dev.neurolens.evaluation.stats;

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the two samples' ranks, ties given
 * average ranks ({@link Ranks#average}), as {@code scipy.stats.spearmanr}.
 *
 * <p>scipy returns NaN when a sample is constant. A metric needs a number, so here: if exactly one
 * sample is constant the samples share no ordering and ρ = 0; if both are constant their (empty)
 * orderings agree and ρ = 1.
 */
public final class SpearmanCorrelation {
    private SpearmanCorrelation() {
    }

    /**
     * ρ between {@code a} and {@code b}.
     *
     * @throws IllegalArgumentException if the lengths differ or are below 2
     */
    public static double of(float[] a, float[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("Spearman correlation needs two samples of the same length >= 2, got "
                    + a.length + " and " + b.length);
        }
        return pearson(Ranks.average(a), Ranks.average(b));
    }

    /** Pearson's correlation of two equally long samples, with the constant-sample rule above. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return sxx == 0 && syy == 0 ? 1 : 0;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
