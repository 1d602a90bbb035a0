package dev.neurolens.featurevis.param;

/**
 * Parameters to a batch of RGB images in [0,1] (Lucid's {@code image} + {@code to_valid_rgb}):
 * a {@link SpatialBasis}, optionally {@link ColorDecorrelation}, then a sigmoid. The gradient of
 * the images is carried back through the sigmoid, the colour matrix's transpose and the basis's
 * adjoint.
 *
 * @param basis the spatial basis (pixels or Fourier)
 * @param decorrelate whether colours are decorrelated
 */
public record ImageParameterization(SpatialBasis basis, boolean decorrelate) {

    /** Pixels per plane. */
    public int pixels() {
        return basis.height() * basis.width();
    }

    /** The images {@code [N,3,H,W]} (flat) of the parameters: {@code σ(C·B(p))}. */
    public double[] rgb(double[] params) {
        double[] t = basis.apply(params);
        if (decorrelate) {
            t = ColorDecorrelation.apply(t, pixels());
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = sigmoid(t[i]);
        }
        return t;
    }

    /**
     * The gradient with respect to the parameters, given the images {@code rgb} of the current
     * parameters and the gradient {@code dRgb} with respect to them.
     */
    public double[] gradient(double[] rgb, double[] dRgb) {
        double[] g = new double[rgb.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = dRgb[i] * rgb[i] * (1 - rgb[i]);
        }
        if (decorrelate) {
            g = ColorDecorrelation.adjoint(g, pixels());
        }
        return basis.adjoint(g);
    }

    /**
     * Parameters whose images are {@code rgb} (values are kept inside (0.001, 0.999) so that the
     * sigmoid can reach them).
     */
    public double[] parametersOf(double[] rgb) {
        double[] t = new double[rgb.length];
        for (int i = 0; i < t.length; i++) {
            double v = Math.min(0.999, Math.max(0.001, rgb[i]));
            t[i] = Math.log(v / (1 - v));
        }
        if (decorrelate) {
            t = ColorDecorrelation.inverse(t, pixels());
        }
        return basis.inverse(t);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
