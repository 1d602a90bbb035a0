package dev.neurolens.lrp.internal;

/**
 * A slow, independent float64 implementation of the LRP rules in matrix form (as Zennit's
 * tests/test_rules.py): a linear layer is {@code z_k = Σ_j x_j w_jk + b_k} with an explicit
 * matrix {@code w[j][k]} (input element j, output element k), for one sample.
 */
final class MatrixLrp {
    static final double STAB = 1e-6;

    private final double[][] w;
    private final double[] b;
    private final int in;
    private final int out;

    /**
     * @param w the layer as a matrix {@code [inputs][outputs]}
     * @param b the bias per output (zeros for none)
     */
    MatrixLrp(double[][] w, double[] b) {
        this.w = w;
        this.b = b;
        this.in = w.length;
        this.out = b.length;
    }

    /** The matrix of a 2-D convolution (NCHW, one sample) with square kernel, stride and symmetric pad. */
    static double[][] conv(float[] weights, int cOut, int cIn, int k, int h, int wd, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (wd + 2 * pad - k) / stride + 1;
        double[][] m = new double[cIn * h * wd][cOut * oh * ow];
        for (int o = 0; o < cOut; o++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int col = (o * oh + y) * ow + x;
                    for (int c = 0; c < cIn; c++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = y * stride - pad + ky;
                                int ix = x * stride - pad + kx;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                    m[(c * h + iy) * wd + ix][col] += weights[((o * cIn + c) * k + ky) * k + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return m;
    }

    /** The matrix of {@code Gemm(x, W, transB=1)} with {@code W [out][in]}. */
    static double[][] dense(float[] weights, int nOut, int nIn) {
        double[][] m = new double[nIn][nOut];
        for (int k = 0; k < nOut; k++) {
            for (int j = 0; j < nIn; j++) {
                m[j][k] = weights[k * nIn + j];
            }
        }
        return m;
    }

    static double stab(double z, double eps) {
        return z + eps * (z >= 0 ? 1 : -1);
    }

    private static double pos(double v) {
        return Math.max(v, 0);
    }

    private static double neg(double v) {
        return Math.min(v, 0);
    }

    /** The output {@code z}. */
    double[] forward(double[] x) {
        double[] z = b.clone();
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < out; k++) {
                z[k] += x[j] * w[j][k];
            }
        }
        return z;
    }

    /** A contribution {@code c(j, k)} per input and output. */
    private interface Contribution {
        double of(int j, int k);
    }

    /** {@code R_j = Σ_k c(j,k) R_k / d_k}, with {@code d_k} given. */
    private double[] redistribute(Contribution c, double[] d, double[] r, double eps) {
        double[] rin = new double[in];
        for (int k = 0; k < out; k++) {
            if (eps == 0 && d[k] == 0) {
                continue;
            }
            double s = r[k] / (eps == 0 ? d[k] : stab(d[k], eps));
            for (int j = 0; j < in; j++) {
                rin[j] += c.of(j, k) * s;
            }
        }
        return rin;
    }

    /** Sum over j of c(j, k), plus {@code bias[k]}. */
    private double[] denominators(Contribution c, double[] bias) {
        double[] d = bias.clone();
        for (int k = 0; k < out; k++) {
            for (int j = 0; j < in; j++) {
                d[k] += c.of(j, k);
            }
        }
        return d;
    }

    private double[] map(java.util.function.DoubleUnaryOperator f) {
        double[] v = new double[out];
        for (int k = 0; k < out; k++) {
            v[k] = f.applyAsDouble(b[k]);
        }
        return v;
    }

    /** LRP-ε (LRP-0 for ε = 0, with 0 where z = 0). */
    double[] epsilon(double[] x, double[] r, double eps) {
        return redistribute((j, k) -> x[j] * w[j][k], forward(x), r, eps);
    }

    /** z⁺: {@code x⁺w⁺ + x⁻w⁻} over its sum plus {@code b⁺}. */
    double[] zPlus(double[] x, double[] r) {
        Contribution c = (j, k) -> pos(x[j]) * pos(w[j][k]) + neg(x[j]) * neg(w[j][k]);
        return redistribute(c, denominators(c, map(MatrixLrp::pos)), r, STAB);
    }

    /** αβ. */
    double[] alphaBeta(double[] x, double[] r, double alpha, double beta) {
        Contribution p = (j, k) -> pos(x[j]) * pos(w[j][k]) + neg(x[j]) * neg(w[j][k]);
        Contribution n = (j, k) -> pos(x[j]) * neg(w[j][k]) + neg(x[j]) * pos(w[j][k]);
        double[] rp = redistribute(p, denominators(p, map(MatrixLrp::pos)), r, STAB);
        double[] rn = redistribute(n, denominators(n, map(MatrixLrp::neg)), r, STAB);
        double[] rin = new double[in];
        for (int j = 0; j < in; j++) {
            rin[j] = alpha * rp[j] - beta * rn[j];
        }
        return rin;
    }

    /** Generalized γ (Zennit): amplified positive parts for z &gt; 0, negative parts for z &lt; 0. */
    double[] gamma(double[] x, double[] r, double gamma) {
        double[] z = forward(x);
        Contribution up = (j, k) -> pos(x[j]) * (w[j][k] + gamma * pos(w[j][k]))
                + neg(x[j]) * (w[j][k] + gamma * neg(w[j][k]));
        Contribution down = (j, k) -> pos(x[j]) * (w[j][k] + gamma * neg(w[j][k]))
                + neg(x[j]) * (w[j][k] + gamma * pos(w[j][k]));
        double[] rUp = new double[out];
        double[] rDown = new double[out];
        for (int k = 0; k < out; k++) {
            rUp[k] = z[k] > 0 ? r[k] : 0;
            rDown[k] = z[k] < 0 ? r[k] : 0;
        }
        double[] a = redistribute(up, denominators(up, map(v -> v + gamma * pos(v))), rUp, STAB);
        double[] c = redistribute(down, denominators(down, map(v -> v + gamma * neg(v))), rDown, STAB);
        for (int j = 0; j < in; j++) {
            a[j] += c[j];
        }
        return a;
    }

    /** flat: the structure matrix (1 where the layer connects j and k), bias ignored. */
    double[] flat(double[][] structure, double[] r) {
        Contribution c = (j, k) -> structure[j][k];
        return redistribute(c, denominators(c, new double[out]), r, STAB);
    }

    /** w²: squared weights over their sum plus the squared bias. */
    double[] wSquare(double[] r) {
        Contribution c = (j, k) -> w[j][k] * w[j][k];
        return redistribute(c, denominators(c, map(v -> v * v)), r, STAB);
    }

    /** z^B with per-input-element bounds. */
    double[] zBox(double[] x, double[] low, double[] high, double[] r) {
        Contribution c = (j, k) -> x[j] * w[j][k] - low[j] * pos(w[j][k]) - high[j] * neg(w[j][k]);
        return redistribute(c, denominators(c, new double[out]), r, STAB);
    }
}
