package dev.neurolens.evaluation.stats;

/**
 * The structural similarity index of Wang et al. (2004), computed as scikit-image's
 * {@code structural_similarity(a, b, data_range=R)} does by default: a 7×7 uniform window,
 * K1 = 0.01, K2 = 0.03, sample (N−1) covariances, and the mean of the SSIM map over the pixels
 * whose window lies inside the image (a 3-pixel border is left out). Per window (Wang et al., eq. 13):
 *
 * <pre>
 * SSIM = (2 μa μb + C1)(2 σab + C2) / ((μa² + μb² + C1)(σa² + σb² + C2)),  C1 = (K1 R)², C2 = (K2 R)²
 * </pre>
 */
public final class Ssim {
    /** The window side. */
    public static final int WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private Ssim() {
    }

    /**
     * The mean SSIM of two {@code height x width} images given row-major.
     *
     * @param dataRange the range of the values ({@code R}; 1 for images scaled to [0,1])
     * @throws IllegalArgumentException if the sizes do not match or the image is smaller than the window
     */
    public static double of(float[] a, float[] b, int height, int width, double dataRange) {
        if (a.length != b.length || a.length != height * width) {
            throw new IllegalArgumentException("SSIM needs two images of " + height + "x" + width + " values, got "
                    + a.length + " and " + b.length);
        }
        if (height < WINDOW || width < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got "
                    + height + "x" + width);
        }
        double c1 = K1 * dataRange * K1 * dataRange;
        double c2 = K2 * dataRange * K2 * dataRange;
        int n = WINDOW * WINDOW;
        double covNorm = n / (n - 1.0);
        int pad = WINDOW / 2;
        double sum = 0;
        int count = 0;
        for (int y = pad; y < height - pad; y++) {
            for (int x = pad; x < width - pad; x++) {
                double sa = 0;
                double sb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int dy = -pad; dy <= pad; dy++) {
                    int row = (y + dy) * width;
                    for (int dx = -pad; dx <= pad; dx++) {
                        double va = a[row + x + dx];
                        double vb = b[row + x + dx];
                        sa += va;
                        sb += vb;
                        saa += va * va;
                        sbb += vb * vb;
                        sab += va * vb;
                    }
                }
                double ma = sa / n;
                double mb = sb / n;
                double va = covNorm * (saa / n - ma * ma);
                double vb = covNorm * (sbb / n - mb * mb);
                double vab = covNorm * (sab / n - ma * mb);
                sum += (2 * ma * mb + c1) * (2 * vab + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        }
        return sum / count;
    }
}
