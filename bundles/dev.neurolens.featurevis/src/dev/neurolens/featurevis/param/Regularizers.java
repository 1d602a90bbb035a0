package dev.neurolens.featurevis.param;

/**
 * Penalties on the RGB images {@code [N,3,H,W]} (subtracted from the objective), with their
 * gradients: total variation {@code tv·mean(|x[i+1,j]−x[i,j]| + |x[i,j+1]−x[i,j]|)} (a penalty on
 * high frequencies), {@code l1·mean|x − ½|} and {@code l2·mean (x − ½)²}.
 *
 * @param tv weight of the total variation
 * @param l1 weight of the L1 penalty
 * @param l2 weight of the L2 penalty
 */
public record Regularizers(double tv, double l1, double l2) {

    /** No penalty. */
    public static Regularizers none() {
        return new Regularizers(0, 0, 0);
    }

    /** Whether every weight is zero. */
    public boolean isNone() {
        return tv == 0 && l1 == 0 && l2 == 0;
    }

    /**
     * Adds the penalty's negative gradient to {@code dRgb} (in place) and returns the penalty per
     * image.
     */
    public double[] apply(double[] rgb, double[] dRgb, int batch, int h, int w) {
        double[] penalty = new double[batch];
        if (isNone()) {
            return penalty;
        }
        int size = 3 * h * w;
        for (int n = 0; n < batch; n++) {
            int base = n * size;
            double p = 0;
            for (int i = base; i < base + size; i++) {
                double d = rgb[i] - 0.5;
                p += l1 * Math.abs(d) / size + l2 * d * d / size;
                dRgb[i] -= l1 * Math.signum(d) / size + 2 * l2 * d / size;
            }
            if (tv != 0) {
                for (int c = 0; c < 3; c++) {
                    int plane = base + c * h * w;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int at = plane + y * w + x;
                            if (y + 1 < h) {
                                p += tvTerm(rgb, dRgb, at, at + w, size);
                            }
                            if (x + 1 < w) {
                                p += tvTerm(rgb, dRgb, at, at + 1, size);
                            }
                        }
                    }
                }
            }
            penalty[n] = p;
        }
        return penalty;
    }

    private double tvTerm(double[] rgb, double[] dRgb, int a, int b, int size) {
        double d = rgb[b] - rgb[a];
        double s = Math.signum(d) * tv / size;
        dRgb[b] -= s;
        dRgb[a] += s;
        return tv * Math.abs(d) / size;
    }
}
