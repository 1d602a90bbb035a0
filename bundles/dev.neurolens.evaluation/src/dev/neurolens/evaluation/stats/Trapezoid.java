package dev.neurolens.evaluation.stats;

/** The area under a curve sampled at evenly spaced points of [0, 1], by the trapezoid rule. */
public final class Trapezoid {
    private Trapezoid() {
    }

    /**
     * The area under {@code y}, where {@code y[k]} is the value at {@code x = k / (y.length - 1)}:
     * {@code Σ (y[k] + y[k+1]) / 2 · Δx} (numpy's {@code trapz(y, dx=1/(n-1))}).
     *
     * @throws IllegalArgumentException if there are fewer than 2 points
     */
    public static double area(double[] y) {
        if (y.length < 2) {
            throw new IllegalArgumentException("a curve needs at least 2 points, got " + y.length);
        }
        double s = 0;
        for (int k = 0; k + 1 < y.length; k++) {
            s += (y[k] + y[k + 1]) / 2;
        }
        return s / (y.length - 1);
    }
}
