package dev.neurolens.featurevis.param;

import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;

/**
 * The model's preprocessing as a map from RGB images in [0,1] ({@code [N,3,H,W]}) to its input
 * tensor, with the transpose for gradients: channel {@code k} of the input is
 * {@code (v·255/scale − mean[k]) / std[k]} of the RGB channel that the sidecar's channel order puts
 * there (BGR swaps, GRAY is {@code 0.299 R + 0.587 G + 0.114 B}), laid out NCHW or NHWC.
 *
 * @param pre the model's preprocessing (its width and height are the images' size)
 */
public record ModelInput(Preprocessing pre) {
    private static final double[] LUMA = {0.299, 0.587, 0.114};

    /** The input tensor of a batch of images. */
    public Tensor apply(double[] rgb, int batch) {
        int h = pre.height();
        int w = pre.width();
        int plane = h * w;
        int c = pre.channels();
        float[] mean = pre.mean();
        float[] std = pre.std();
        double gain = 255.0 / pre.scale();
        boolean chw = pre.layout() == Preprocessing.Layout.NCHW;
        float[] out = new float[batch * c * plane];
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < c; k++) {
                for (int q = 0; q < plane; q++) {
                    double v = 0;
                    for (int s = 0; s < 3; s++) {
                        v += mix(k, s) * rgb[(n * 3 + s) * plane + q];
                    }
                    out[position(n, k, q, c, plane, chw)] = (float) ((v * gain - mean[k]) / std[k]);
                }
            }
        }
        return Tensor.wrap(out, pre.batchShape(batch));
    }

    /** The transpose: the gradient with respect to the RGB images of one with respect to the input. */
    public double[] adjoint(Tensor gradient, int batch) {
        int plane = pre.height() * pre.width();
        int c = pre.channels();
        float[] std = pre.std();
        double gain = 255.0 / pre.scale();
        boolean chw = pre.layout() == Preprocessing.Layout.NCHW;
        double[] rgb = new double[batch * 3 * plane];
        float[] g = gradient.data();
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < c; k++) {
                double f = gain / std[k];
                for (int q = 0; q < plane; q++) {
                    double v = g[position(n, k, q, c, plane, chw)] * f;
                    for (int s = 0; s < 3; s++) {
                        double m = mix(k, s);
                        if (m != 0) {
                            rgb[(n * 3 + s) * plane + q] += m * v;
                        }
                    }
                }
            }
        }
        return rgb;
    }

    /** How much RGB channel {@code s} contributes to input channel {@code k}. */
    private double mix(int k, int s) {
        return switch (pre.channelOrder()) {
            case RGB -> k == s ? 1 : 0;
            case BGR -> 2 - k == s ? 1 : 0;
            case GRAY -> LUMA[s];
        };
    }

    private static int position(int n, int k, int q, int c, int plane, boolean chw) {
        return chw ? (n * c + k) * plane + q : (n * plane + q) * c + k;
    }
}
