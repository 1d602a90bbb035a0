package dev.neurolens.attribution;

import dev.neurolens.attribution.support.ImageGeometry;
import dev.neurolens.core.tensor.Tensor;

/**
 * A separable Gaussian blur of one image per channel, as scipy's
 * {@code ndimage.gaussian_filter(x, sigma, mode='reflect', truncate=4.0)} on each channel:
 * kernel radius {@code round(4σ)}, normalized weights, edges mirrored ({@code d c b a | a b c d}).
 */
final class GaussianBlur {
    private GaussianBlur() {
    }

    static Tensor blur(Tensor image, ImageGeometry g, double sigma) {
        if (!(sigma > 0)) {
            return image;
        }
        double[] k = kernel(sigma);
        int r = k.length / 2;
        float[] in = image.data();
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        for (int c = 0; c < g.channels(); c++) {
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    double s = 0;
                    for (int j = -r; j <= r; j++) {
                        s += k[j + r] * in[g.index(c, y, mirror(x + j, g.width()))];
                    }
                    tmp[g.index(c, y, x)] = (float) s;
                }
            }
            for (int y = 0; y < g.height(); y++) {
                for (int x = 0; x < g.width(); x++) {
                    double s = 0;
                    for (int j = -r; j <= r; j++) {
                        s += k[j + r] * tmp[g.index(c, mirror(y + j, g.height()), x)];
                    }
                    out[g.index(c, y, x)] = (float) s;
                }
            }
        }
        return Tensor.wrap(out, image.shape());
    }

    /** The normalized kernel of radius {@code (int)(4σ + 0.5)}. */
    static double[] kernel(double sigma) {
        int r = (int) (4.0 * sigma + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int j = -r; j <= r; j++) {
            k[j + r] = Math.exp(-0.5 * j * j / (sigma * sigma));
            sum += k[j + r];
        }
        for (int j = 0; j < k.length; j++) {
            k[j] /= sum;
        }
        return k;
    }

    /** scipy's {@code reflect} mode: mirrors about the edge, repeating the edge pixel. */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
