package dev.neurolens.featurevis.param;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Transformation robustness (Lucent's {@code standard_transforms}): before each step the image is
 * padded, jittered, scaled, rotated and jittered again, then resized to the model's input. The
 * chain is composed into one {@link Resampling} (one bilinear interpolation instead of one per
 * stage), drawn at random per step with Lucent's distributions:
 * jitter offsets uniform in {@code [0, d)} (crop {@code d} pixels), a scale from
 * {@code 1 + (i − 5)·scale/5, i = 0..10}, an angle from {@code −rotate..rotate} degrees plus five
 * extra zeros.
 *
 * @param pad pixels of padding on each side (Lucent: 12 at 224)
 * @param reflect reflect padding; otherwise the constant 0.5 (Lucent's default)
 * @param jitter the first jitter's crop in pixels (Lucent: 8)
 * @param scale the largest relative scale change (Lucent: 0.1)
 * @param rotate the largest rotation in degrees (Lucent: 10)
 * @param jitter2 the second jitter's crop in pixels (Lucent: 4)
 */
public record Transforms(int pad, boolean reflect, int jitter, double scale, int rotate, int jitter2) {
    /** The constant of constant padding (mid grey). */
    public static final double FILL = 0.5;

    /** Validates. */
    public Transforms {
        if (pad < 0 || jitter < 0 || jitter2 < 0 || rotate < 0 || rotate > 180 || !(scale >= 0 && scale < 1)) {
            throw new IllegalArgumentException("transformations need pad, jitter >= 0, rotate in 0..180 and scale in"
                    + " [0,1)");
        }
    }

    /** No transformation (only the resize to the model's input). */
    public static Transforms none() {
        return new Transforms(0, false, 0, 0, 0, 0);
    }

    /**
     * Lucent's standard transforms scaled from 224 pixels to {@code size}: pad 12·size/224 (at
     * least 1), jitter 8·size/224 and 4·size/224 (at least 2), scale ±10 %, rotation ±10°.
     */
    public static Transforms defaults(int size) {
        return new Transforms(Math.max(1, (int) Math.round(12.0 * size / 224)), false,
                Math.max(2, (int) Math.round(8.0 * size / 224)), 0.1, 10,
                Math.max(2, (int) Math.round(4.0 * size / 224)));
    }

    /** Whether this is the identity (apart from resizing). */
    public boolean isNone() {
        return pad == 0 && jitter == 0 && scale == 0 && rotate == 0 && jitter2 == 0;
    }

    /** Draws one random transformation of an {@code inH×inW} image to {@code outH×outW}. */
    public Resampling sample(Random random, int inH, int inW, int outH, int outW) {
        int a1y = offset(random, jitter);
        int a1x = offset(random, jitter);
        double s = 1 + (random.nextInt(11) - 5) * scale / 5;
        List<Integer> angles = new ArrayList<>();
        for (int a = -rotate; a <= rotate; a++) {
            angles.add(a);
        }
        if (rotate > 0) {
            for (int i = 0; i < 5; i++) {
                angles.add(0);
            }
        }
        double theta = Math.toRadians(angles.get(random.nextInt(angles.size())));
        int a2y = offset(random, jitter2);
        int a2x = offset(random, jitter2);
        return geometry(inH, inW, outH, outW, a1y, a1x, s, theta, a2y, a2x);
    }

    /** The resize alone ({@link #none()}'s resampling). */
    public static Resampling resize(int inH, int inW, int outH, int outW) {
        return none().geometry(inH, inW, outH, outW, 0, 0, 1, 0, 0, 0);
    }

    private static int offset(Random random, int d) {
        return d > 0 ? random.nextInt(d) : 0;
    }

    /** The composed map for given draws (package-visible for tests). */
    Resampling geometry(int inH, int inW, int outH, int outW, int a1y, int a1x, double s, double theta, int a2y,
            int a2x) {
        int l1h = Math.max(1, inH + 2 * pad - jitter);
        int l1w = Math.max(1, inW + 2 * pad - jitter);
        int l2h = Math.max(1, (int) Math.round(l1h * s));
        int l2w = Math.max(1, (int) Math.round(l1w * s));
        double sy = l2h / (double) l1h;
        double sx = l2w / (double) l1w;
        int l3h = Math.max(1, l2h - jitter2);
        int l3w = Math.max(1, l2w - jitter2);
        double cy = (l2h - 1) / 2.0;
        double cx = (l2w - 1) / 2.0;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        int n = outH * outW;
        int[] index = new int[4 * n];
        double[] weight = new double[4 * n];
        double[] fillWeight = new double[n];
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                // output pixel centre -> second crop -> rotated image
                double y2 = (i + 0.5) * l3h / outH - 0.5 + a2y;
                double x2 = (j + 0.5) * l3w / outW - 0.5 + a2x;
                // undo the rotation about the centre
                double dy = y2 - cy;
                double dx = x2 - cx;
                double yr = cy + cos * dy + sin * dx;
                double xr = cx - sin * dy + cos * dx;
                // undo the scaling (pixel centres aligned), then the first crop and the padding
                double y0 = (yr + 0.5) / sy - 0.5 + a1y - pad;
                double x0 = (xr + 0.5) / sx - 0.5 + a1x - pad;
                int q = i * outW + j;
                bilinear(y0, x0, inH, inW, q, index, weight, fillWeight);
            }
        }
        return new Resampling(inH, inW, outH, outW, index, weight, fillWeight, reflect ? 0 : FILL);
    }

    private void bilinear(double y, double x, int h, int w, int q, int[] index, double[] weight,
            double[] fillWeight) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        int c = 4 * q;
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                double wgt = (dy == 0 ? 1 - fy : fy) * (dx == 0 ? 1 - fx : fx);
                int yy = y0 + dy;
                int xx = x0 + dx;
                boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < w;
                if (!inside && reflect) {
                    yy = reflectIndex(yy, h);
                    xx = reflectIndex(xx, w);
                    inside = true;
                }
                if (inside) {
                    index[c] = yy * w + xx;
                    weight[c] = wgt;
                } else {
                    fillWeight[q] += wgt;
                }
                c++;
            }
        }
    }

    /** numpy's / PyTorch's {@code reflect} padding (the edge is not repeated), folded as often as needed. */
    static int reflectIndex(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int r = Math.floorMod(i, period);
        return r < n ? r : period - r;
    }
}
