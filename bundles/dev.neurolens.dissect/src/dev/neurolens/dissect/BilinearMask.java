package dev.neurolens.dissect;

/**
 * Network Dissection's binary unit mask: an activation map of {@code h x w} scaled to the mask
 * resolution {@code H x W} by bilinear interpolation with half-pixel centres (PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)}, Pillow's {@code BILINEAR} when
 * enlarging: source coordinate {@code (y + 0.5) h / H - 0.5}, clamped at the borders) and
 * thresholded, {@code M_k(x) = up(A_k)(x) > T_k}.
 *
 * <p>Only a few pixels pass a top-quantile threshold, so {@link #activePixels} never upsamples
 * the whole map: an upsampled value is a convex combination of four neighbouring cells, so it can
 * exceed {@code T} only next to a cell that does, and only the output pixels that read such a cell
 * are interpolated. An instance keeps scratch space and is for one thread at a time.
 */
public final class BilinearMask {
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int[] y0;
    private final int[] y1;
    private final double[] wy;
    private final int[] x0;
    private final int[] x1;
    private final double[] wx;
    private final int[] rowFrom;
    private final int[] rowTo;
    private final int[] colFrom;
    private final int[] colTo;
    private final int[] stamp;
    private int mark;

    /**
     * A mask from maps of {@code inH x inW} to masks of {@code outH x outW}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public BilinearMask(int inH, int inW, int outH, int outW) {
        if (inH <= 0 || inW <= 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + inH + "x" + inW + " -> " + outH + "x" + outW);
        }
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        y0 = new int[outH];
        y1 = new int[outH];
        wy = new double[outH];
        axis(inH, outH, y0, y1, wy);
        x0 = new int[outW];
        x1 = new int[outW];
        wx = new double[outW];
        axis(inW, outW, x0, x1, wx);
        rowFrom = new int[inH];
        rowTo = new int[inH];
        readers(y0, y1, rowFrom, rowTo);
        colFrom = new int[inW];
        colTo = new int[inW];
        readers(x0, x1, colFrom, colTo);
        stamp = new int[outH * outW];
    }

    /** The source cells and weight of each output coordinate along one axis. */
    private static void axis(int in, int out, int[] lo, int[] hi, double[] w) {
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double src = Math.max(0, (o + 0.5) * scale - 0.5);
            int i = Math.min((int) Math.floor(src), in - 1);
            lo[o] = i;
            hi[o] = Math.min(i + 1, in - 1);
            w[o] = src - i;
        }
    }

    /** For each source cell, the range of output coordinates that read it. */
    private static void readers(int[] lo, int[] hi, int[] from, int[] to) {
        java.util.Arrays.fill(from, Integer.MAX_VALUE);
        java.util.Arrays.fill(to, -1);
        for (int o = 0; o < lo.length; o++) {
            from[lo[o]] = Math.min(from[lo[o]], o);
            to[lo[o]] = Math.max(to[lo[o]], o);
            from[hi[o]] = Math.min(from[hi[o]], o);
            to[hi[o]] = Math.max(to[hi[o]], o);
        }
    }

    /** The map height. */
    public int mapHeight() {
        return inH;
    }

    /** The map width. */
    public int mapWidth() {
        return inW;
    }

    /** The mask height. */
    public int maskHeight() {
        return outH;
    }

    /** The mask width. */
    public int maskWidth() {
        return outW;
    }

    /**
     * The upsampled value at mask pixel (y, x) of the map stored row-major at {@code map[offset..]}.
     */
    public double value(float[] map, int offset, int y, int x) {
        int r0 = offset + y0[y] * inW;
        int r1 = offset + y1[y] * inW;
        double a = x1[x] == x0[x] ? map[r0 + x0[x]] : (1 - wx[x]) * map[r0 + x0[x]] + wx[x] * map[r0 + x1[x]];
        double b = x1[x] == x0[x] ? map[r1 + x0[x]] : (1 - wx[x]) * map[r1 + x0[x]] + wx[x] * map[r1 + x1[x]];
        return y1[y] == y0[y] ? a : (1 - wy[y]) * a + wy[y] * b;
    }

    /** The whole upsampled map, {@code H * W} values row-major. */
    public float[] upsample(float[] map, int offset) {
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                out[y * outW + x] = (float) value(map, offset, y, x);
            }
        }
        return out;
    }

    /**
     * The mask pixels whose upsampled value exceeds {@code threshold}, as row-major indices
     * {@code y * W + x} (in no particular order).
     *
     * @param map activation maps, row-major
     * @param offset where this map starts in {@code map}
     * @param threshold the unit's threshold
     * @param out receives the indices; must hold {@code H * W}
     * @return how many indices were written
     */
    public int activePixels(float[] map, int offset, float threshold, int[] out) {
        int n = 0;
        boolean fresh = true;
        for (int r = 0; r < inH; r++) {
            int row = offset + r * inW;
            for (int c = 0; c < inW; c++) {
                if (map[row + c] > threshold) {
                    if (fresh) {
                        nextMark();
                        fresh = false;
                    }
                    n = scan(map, offset, threshold, r, c, out, n);
                }
            }
        }
        return n;
    }

    private int scan(float[] map, int offset, float threshold, int r, int c, int[] out, int n) {
        for (int y = rowFrom[r]; y <= rowTo[r]; y++) {
            int base = y * outW;
            for (int x = colFrom[c]; x <= colTo[c]; x++) {
                int p = base + x;
                if (stamp[p] != mark) {
                    stamp[p] = mark;
                    if (value(map, offset, y, x) > threshold) {
                        out[n++] = p;
                    }
                }
            }
        }
        return n;
    }

    private void nextMark() {
        if (++mark == 0) {
            java.util.Arrays.fill(stamp, 0);
            mark = 1;
        }
    }
}
