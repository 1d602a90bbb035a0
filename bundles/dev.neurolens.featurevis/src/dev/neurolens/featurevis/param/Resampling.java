package dev.neurolens.featurevis.param;

/**
 * A fixed bilinear resampling of a batch of planes {@code [N,3,inH,inW] → [N,3,outH,outW]}: every
 * output value is {@code Σ wᵢ·in[idxᵢ] + w₀·fill} over at most four input pixels, the same for
 * every plane. The map is affine; {@link #adjoint} is the transpose of its linear part (the
 * scatter of the same weights), so the gradient of the output reaches the input exactly.
 */
public final class Resampling {
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int[] index;
    private final double[] weight;
    private final double[] fillWeight;
    private final double fill;

    Resampling(int inH, int inW, int outH, int outW, int[] index, double[] weight, double[] fillWeight, double fill) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.index = index;
        this.weight = weight;
        this.fillWeight = fillWeight;
        this.fill = fill;
    }

    /** Output height. */
    public int outHeight() {
        return outH;
    }

    /** Output width. */
    public int outWidth() {
        return outW;
    }

    /** The resampled planes. */
    public double[] apply(double[] in) {
        int inPlane = inH * inW;
        int outPlane = outH * outW;
        int planes = in.length / inPlane;
        double[] out = new double[planes * outPlane];
        for (int p = 0; p < planes; p++) {
            int ib = p * inPlane;
            int ob = p * outPlane;
            for (int q = 0; q < outPlane; q++) {
                double v = fillWeight[q] * fill;
                for (int c = 4 * q; c < 4 * q + 4; c++) {
                    if (weight[c] != 0) {
                        v += weight[c] * in[ib + index[c]];
                    }
                }
                out[ob + q] = v;
            }
        }
        return out;
    }

    /** The transpose of the linear part: scatters output gradients onto the input pixels. */
    public double[] adjoint(double[] outGradient) {
        int inPlane = inH * inW;
        int outPlane = outH * outW;
        int planes = outGradient.length / outPlane;
        double[] in = new double[planes * inPlane];
        for (int p = 0; p < planes; p++) {
            int ib = p * inPlane;
            int ob = p * outPlane;
            for (int q = 0; q < outPlane; q++) {
                double g = outGradient[ob + q];
                for (int c = 4 * q; c < 4 * q + 4; c++) {
                    if (weight[c] != 0) {
                        in[ib + index[c]] += weight[c] * g;
                    }
                }
            }
        }
        return in;
    }
}
