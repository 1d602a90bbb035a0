package dev.neurolens.core.io;

/**
 * Resizes packed {@code 0xRRGGBB} pixels exactly as Pillow's {@code Image.resize(size,
 * Image.BILINEAR)} does for 8-bit RGB images, so that preprocessing matches Python pipelines
 * bit for bit.
 *
 * <p>Pillow (libImaging/Resample.c) resizes in two separable passes, horizontal first, each
 * rounding to 8 bits. For each output pixel it centres a triangle filter at
 * {@code (i + 0.5) * scale} in input coordinates, with a support of {@code max(scale, 1)} input
 * pixels either side, so downscaling averages (antialiases) instead of skipping pixels; the
 * weights are normalized to sum to 1 and applied in 22-bit fixed point.
 */
final class BilinearResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private BilinearResampler() {
    }

    /**
     * Resizes a {@code width x height} image of packed RGB pixels (row-major) to
     * {@code outWidth x outHeight}.
     */
    static int[] resize(int[] pixels, int width, int height, int outWidth, int outHeight) {
        if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("cannot resize " + width + "x" + height + " to " + outWidth + "x"
                    + outHeight);
        }
        int[] current = pixels;
        int w = width;
        if (outWidth != width) {
            current = horizontal(current, w, height, new Coefficients(width, outWidth));
            w = outWidth;
        }
        if (outHeight != height) {
            current = vertical(current, w, height, new Coefficients(height, outHeight));
        }
        return current == pixels ? pixels.clone() : current;
    }

    private static int[] horizontal(int[] in, int width, int height, Coefficients k) {
        int outWidth = k.outSize;
        int[] out = new int[outWidth * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < outWidth; x++) {
                int min = k.bounds[2 * x];
                int count = k.bounds[2 * x + 1];
                int base = x * k.size;
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < count; i++) {
                    int p = in[row + min + i];
                    int weight = k.weights[base + i];
                    r += ((p >> 16) & 0xff) * weight;
                    g += ((p >> 8) & 0xff) * weight;
                    b += (p & 0xff) * weight;
                }
                out[y * outWidth + x] = pack(r, g, b);
            }
        }
        return out;
    }

    private static int[] vertical(int[] in, int width, int height, Coefficients k) {
        int outHeight = k.outSize;
        int[] out = new int[width * outHeight];
        for (int y = 0; y < outHeight; y++) {
            int min = k.bounds[2 * y];
            int count = k.bounds[2 * y + 1];
            int base = y * k.size;
            for (int x = 0; x < width; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < count; i++) {
                    int p = in[(min + i) * width + x];
                    int weight = k.weights[base + i];
                    r += ((p >> 16) & 0xff) * weight;
                    g += ((p >> 8) & 0xff) * weight;
                    b += (p & 0xff) * weight;
                }
                out[y * width + x] = pack(r, g, b);
            }
        }
        return out;
    }

    private static int pack(int r, int g, int b) {
        return clip8(r) << 16 | clip8(g) << 8 | clip8(b);
    }

    private static int clip8(int v) {
        int s = v >> PRECISION_BITS;
        return s < 0 ? 0 : Math.min(s, 255);
    }

    /** Pillow's {@code precompute_coeffs} for the bilinear filter, in fixed point. */
    private static final class Coefficients {
        final int outSize;
        /** Coefficients per output pixel (the stride of {@link #weights}). */
        final int size;
        /** Per output pixel: first input pixel and number of input pixels. */
        final int[] bounds;
        final int[] weights;

        Coefficients(int inSize, int outSize) {
            this.outSize = outSize;
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 1.0 * filterScale;
            size = (int) Math.ceil(support) * 2 + 1;
            bounds = new int[2 * outSize];
            weights = new int[outSize * size];
            double[] k = new double[size];
            for (int x = 0; x < outSize; x++) {
                double center = (x + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double total = 0.0;
                for (int i = 0; i < max; i++) {
                    double w = triangle((i + min - center + 0.5) * ss);
                    k[i] = w;
                    total += w;
                }
                for (int i = 0; i < max; i++) {
                    double w = total != 0.0 ? k[i] / total : k[i];
                    weights[x * size + i] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                            : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                bounds[2 * x] = min;
                bounds[2 * x + 1] = max;
            }
        }

        private static double triangle(double x) {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }
    }
}
