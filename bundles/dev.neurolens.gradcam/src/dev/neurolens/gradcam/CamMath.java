package dev.neurolens.gradcam;

import dev.neurolens.core.tensor.Tensor;

/**
 * Combines a layer's activations {@code A} and the gradient {@code G = ∂y_c/∂A} of one image,
 * both {@code [K,h,w]}, into a class activation map {@code [h,w]}.
 */
final class CamMath {
    /** pytorch-grad-cam's stabilizer in the Grad-CAM++ denominator. */
    static final double PLUS_PLUS_EPS = 1e-6;

    private CamMath() {
    }

    /**
     * Grad-CAM (Selvaraju et al. 2017, eq. 1–2; Captum's {@code LayerGradCam} with
     * {@code relu_attributions=True}): {@code α_k = mean_ij G^k_ij},
     * {@code L = ReLU(Σ_k α_k A^k)}.
     */
    static Tensor gradCam(Tensor a, Tensor g) {
        int k = a.dim(0);
        int hw = a.dim(1) * a.dim(2);
        double[] alpha = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int p = 0; p < hw; p++) {
                s += g.get(c * hw + p);
            }
            alpha[c] = s / hw;
        }
        return weightedSum(a, alpha, true);
    }

    /**
     * Grad-CAM++ (Chattopadhay et al. 2018, eq. 19 with the exponential-score identity, so that
     * higher derivatives are powers of the first), as pytorch-grad-cam's {@code GradCAMPlusPlus}:
     * {@code a^k_ij = G² / (2 G² + (Σ_ab A^k_ab) G³ + ε)} (0 where {@code G = 0}),
     * {@code w_k = Σ_ij a^k_ij · ReLU(G^k_ij)}, {@code L = ReLU(Σ_k w_k A^k)}.
     */
    static Tensor gradCamPlusPlus(Tensor a, Tensor g) {
        int k = a.dim(0);
        int hw = a.dim(1) * a.dim(2);
        double[] weight = new double[k];
        for (int c = 0; c < k; c++) {
            double sumA = 0;
            for (int p = 0; p < hw; p++) {
                sumA += a.get(c * hw + p);
            }
            double w = 0;
            for (int p = 0; p < hw; p++) {
                double gv = g.get(c * hw + p);
                if (gv == 0) {
                    continue;
                }
                double g2 = gv * gv;
                double aij = g2 / (2 * g2 + sumA * g2 * gv + PLUS_PLUS_EPS);
                w += aij * Math.max(gv, 0);
            }
            weight[c] = w;
        }
        return weightedSum(a, weight, true);
    }

    /** {@code Σ_k w_k A^k}, with a ReLU if asked. */
    static Tensor weightedSum(Tensor a, double[] weights, boolean relu) {
        int h = a.dim(1);
        int w = a.dim(2);
        int hw = h * w;
        float[] out = new float[hw];
        for (int p = 0; p < hw; p++) {
            double s = 0;
            for (int c = 0; c < weights.length; c++) {
                s += weights[c] * a.get(c * hw + p);
            }
            out[p] = (float) (relu ? Math.max(0, s) : s);
        }
        return Tensor.wrap(out, h, w);
    }
}
