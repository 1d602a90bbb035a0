package dev.neurolens.milan.concepts;

import java.util.BitSet;

/**
 * Pixel sets of one mask ({@code width x height} pixels) as {@code long} words, bit
 * {@code y * width + x}. Operations return new arrays; arguments are not modified.
 */
final class Bits {
    private Bits() {
    }

    /** An empty set for {@code pixels} pixels. */
    static long[] empty(int pixels) {
        return new long[(pixels + 63) >>> 6];
    }

    /** Every pixel. */
    static long[] full(int pixels) {
        long[] w = empty(pixels);
        java.util.Arrays.fill(w, -1L);
        int tail = pixels & 63;
        if (tail != 0) {
            w[w.length - 1] = (1L << tail) - 1;
        }
        return w;
    }

    /** The words of a {@link BitSet} over {@code pixels} pixels. */
    static long[] of(BitSet set, int pixels) {
        long[] w = empty(pixels);
        long[] src = set.toLongArray();
        System.arraycopy(src, 0, w, 0, Math.min(src.length, w.length));
        return w;
    }

    static long[] and(long[] a, long[] b) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] & b[i];
        }
        return r;
    }

    static long[] or(long[] a, long[] b) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] | b[i];
        }
        return r;
    }

    static long[] andNot(long[] a, long[] b) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] & ~b[i];
        }
        return r;
    }

    static int count(long[] a) {
        int n = 0;
        for (long w : a) {
            n += Long.bitCount(w);
        }
        return n;
    }

    static int countAnd(long[] a, long[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Long.bitCount(a[i] & b[i]);
        }
        return n;
    }

    static boolean isEmpty(long[] a) {
        for (long w : a) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Intersection over union {@code |a & b| / |a | b|}; 0 when both are empty.
     */
    static double iou(long[] a, long[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += Long.bitCount(a[i] & b[i]);
            union += Long.bitCount(a[i] | b[i]);
        }
        return union == 0 ? 0 : (double) inter / union;
    }

    static boolean get(long[] a, int bit) {
        return (a[bit >>> 6] & (1L << bit)) != 0;
    }

    static void set(long[] a, int bit) {
        a[bit >>> 6] |= 1L << bit;
    }

    /**
     * The boundary band of a region: the pixels that have a pixel of the other membership within
     * Chebyshev distance {@code radius} (the morphological gradient, dilation minus erosion, with
     * a square structuring element). The frame of the image is no boundary: pixels outside it are
     * ignored.
     */
    static long[] boundary(long[] region, int width, int height, int radius) {
        long[] out = empty(width * height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (differsNearby(region, width, height, x, y, radius)) {
                    set(out, y * width + x);
                }
            }
        }
        return out;
    }

    private static boolean differsNearby(long[] region, int width, int height, int x, int y, int radius) {
        boolean in = get(region, y * width + x);
        for (int yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
            for (int xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
                if (get(region, yy * width + xx) != in) {
                    return true;
                }
            }
        }
        return false;
    }
}
