package dev.neurolens.dissect;

import java.util.Arrays;

/**
 * Slow, plain reference computations that the fast paths are checked against: written from the
 * definitions, sharing no code with the bundle.
 */
final class Reference {
    private Reference() {
    }

    /**
     * Bilinear resize with half-pixel centres of a {@code h x w} map to {@code H x W}, evaluated
     * directly per output pixel: source coordinate {@code (o + 0.5) in / out - 0.5}, negative
     * clamped to 0, neighbours clamped to the last row/column.
     */
    static double[] upsample(float[] map, int offset, int h, int w, int outH, int outW) {
        double[] out = new double[outH * outW];
        for (int y = 0; y < outH; y++) {
            double sy = Math.max(0, (y + 0.5) * h / outH - 0.5);
            int ya = Math.min((int) sy, h - 1);
            int yb = Math.min(ya + 1, h - 1);
            double fy = sy - ya;
            for (int x = 0; x < outW; x++) {
                double sx = Math.max(0, (x + 0.5) * w / outW - 0.5);
                int xa = Math.min((int) sx, w - 1);
                int xb = Math.min(xa + 1, w - 1);
                double fx = sx - xa;
                double top = xa == xb ? map[offset + ya * w + xa]
                        : (1 - fx) * map[offset + ya * w + xa] + fx * map[offset + ya * w + xb];
                double bottom = xa == xb ? map[offset + yb * w + xa]
                        : (1 - fx) * map[offset + yb * w + xa] + fx * map[offset + yb * w + xb];
                out[y * outW + x] = ya == yb ? top : (1 - fy) * top + fy * bottom;
            }
        }
        return out;
    }

    /** numpy.quantile(values, p) with the default "linear" method. */
    static double quantile(float[] values, double p) {
        float[] s = values.clone();
        Arrays.sort(s);
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
