package dev.neurolens.featurevis.param;

/**
 * Lucid's colour decorrelation ({@code _linear_decorelate_color}): every pixel's three
 * pre-colour values {@code t} become {@code C·t}, where {@code C} is the square root of ImageNet's
 * colour correlation ({@code color_correlation_svd_sqrt}) divided by its largest column norm, so
 * that the optimizer moves in decorrelated colour directions.
 */
public final class ColorDecorrelation {
    /** Lucid's {@code color_correlation_svd_sqrt}. */
    static final double[][] SVD_SQRT = {{0.26, 0.09, 0.02}, {0.27, 0.00, -0.05}, {0.27, -0.09, 0.03}};
    private static final double[][] C = normalized();

    private ColorDecorrelation() {
    }

    /** The 3×3 matrix applied, {@code C[i][j]} (output channel i, input channel j). */
    public static double[][] matrix() {
        double[][] m = new double[3][];
        for (int i = 0; i < 3; i++) {
            m[i] = C[i].clone();
        }
        return m;
    }

    /** {@code rgb[:,i] = Σ_j C[i][j]·t[:,j]} over planes {@code [N,3,H,W]} of {@code pixels} pixels each. */
    public static double[] apply(double[] planes, int pixels) {
        return multiply(planes, pixels, false);
    }

    /** The transpose: {@code t[:,j] = Σ_i C[i][j]·g[:,i]}. */
    public static double[] adjoint(double[] gradient, int pixels) {
        return multiply(gradient, pixels, true);
    }

    private static double[] multiply(double[] x, int pixels, boolean transpose) {
        double[] y = new double[x.length];
        int images = x.length / (3 * pixels);
        for (int n = 0; n < images; n++) {
            int base = n * 3 * pixels;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double c = transpose ? C[j][i] : C[i][j];
                    for (int q = 0; q < pixels; q++) {
                        y[base + i * pixels + q] += c * x[base + j * pixels + q];
                    }
                }
            }
        }
        return y;
    }

    /** Solves {@code C·t = rgb} per pixel (for starting from an image). */
    public static double[] inverse(double[] rgb, int pixels) {
        double[][] inv = invert(C);
        double[] t = new double[rgb.length];
        int images = rgb.length / (3 * pixels);
        for (int n = 0; n < images; n++) {
            int base = n * 3 * pixels;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int q = 0; q < pixels; q++) {
                        t[base + i * pixels + q] += inv[i][j] * rgb[base + j * pixels + q];
                    }
                }
            }
        }
        return t;
    }

    private static double[][] normalized() {
        double max = 0;
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += SVD_SQRT[i][j] * SVD_SQRT[i][j];
            }
            max = Math.max(max, Math.sqrt(s));
        }
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = SVD_SQRT[i][j] / max;
            }
        }
        return m;
    }

    private static double[][] invert(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // cofactor of a[j][i] (adjugate), cyclic indices
                int r1 = (j + 1) % 3;
                int r2 = (j + 2) % 3;
                int c1 = (i + 1) % 3;
                int c2 = (i + 2) % 3;
                r[i][j] = (a[r1][c1] * a[r2][c2] - a[r1][c2] * a[r2][c1]) / det;
            }
        }
        return r;
    }
}
