package dev.neurolens.core.io;

import java.util.Arrays;

/**
 * A continuous colour scale: for each of red, green and blue, values at increasing positions in
 * [0,1] with linear interpolation between them (what matplotlib calls segment data).
 */
final class ColorRamp {
    private final double[][] positions;
    private final double[][] values;

    private ColorRamp(double[][] positions, double[][] values) {
        this.positions = positions;
        this.values = values;
    }

    /** Colours {@code 0xRRGGBB} at evenly spaced positions 0, 1/(n-1), ..., 1. */
    static ColorRamp even(int... colours) {
        if (colours.length < 2) {
            throw new IllegalArgumentException("a ramp needs at least two colours");
        }
        double[] x = new double[colours.length];
        double[][] v = new double[3][colours.length];
        for (int i = 0; i < colours.length; i++) {
            x[i] = (double) i / (colours.length - 1);
            v[0][i] = ((colours[i] >> 16) & 0xff) / 255.0;
            v[1][i] = ((colours[i] >> 8) & 0xff) / 255.0;
            v[2][i] = (colours[i] & 0xff) / 255.0;
        }
        return new ColorRamp(new double[][] {x, x, x}, v);
    }

    /**
     * One piecewise-linear function per channel, each given as {@code {position, value}} pairs
     * with positions rising from 0 to 1 and values in [0,1].
     */
    static ColorRamp segments(double[][] red, double[][] green, double[][] blue) {
        double[][][] channels = {red, green, blue};
        double[][] x = new double[3][];
        double[][] v = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[][] points = channels[c];
            x[c] = new double[points.length];
            v[c] = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                x[c][i] = points[i][0];
                v[c][i] = points[i][1];
            }
            if (x[c][0] != 0 || x[c][points.length - 1] != 1) {
                throw new IllegalArgumentException("segments must run from 0 to 1");
            }
        }
        return new ColorRamp(x, v);
    }

    /** The colour at {@code t}, clamped to [0,1] (NaN counts as 0), as {@code 0xRRGGBB}. */
    int rgb(double t) {
        double u = t >= 0 ? Math.min(t, 1.0) : 0.0;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = rgb << 8 | channel(positions[c], values[c], u);
        }
        return rgb;
    }

    private static int channel(double[] x, double[] v, double t) {
        int i = Arrays.binarySearch(x, t);
        double value;
        if (i >= 0) {
            value = v[i];
        } else {
            int hi = -i - 1;
            int lo = hi - 1;
            double f = (t - x[lo]) / (x[hi] - x[lo]);
            value = v[lo] + f * (v[hi] - v[lo]);
        }
        return (int) Math.min(255, Math.max(0, Math.round(value * 255)));
    }
}
