package dev.neurolens.graph.reference;

import java.util.Arrays;
import java.util.Map;

/** BatchNormalization in inference mode and Softmax. */
final class NormalizationOps {
    private NormalizationOps() {
    }

    static void register(Map<String, Op> ops) {
        ops.put("BatchNormalization", NormalizationOps::batchNormalization);
        ops.put("Softmax", Op.single(NormalizationOps::softmax));
    }

    /**
     * BatchNormalization-15, inference: {@code y = (x - mean) / sqrt(var + epsilon) · scale + B} per
     * channel (axis 1). Optional training outputs are not computed (they are {@code null}).
     */
    private static java.util.List<DoubleTensor> batchNormalization(OpNode n) {
        if (n.integer("training_mode", 0) != 0) {
            throw new IllegalArgumentException("BatchNormalization in training mode is not supported");
        }
        DoubleTensor x = n.input(0);
        double[] scale = n.input(1).data();
        double[] bias = n.input(2).data();
        double[] mean = n.input(3).data();
        double[] var = n.input(4).data();
        double eps = n.real("epsilon", 1e-5);
        int[] s = x.dims();
        int channels = s.length > 1 ? s[1] : 1;
        if (scale.length != channels || bias.length != channels || mean.length != channels || var.length != channels) {
            throw new IllegalArgumentException("BatchNormalization parameters must have " + channels + " values");
        }
        int inner = s.length > 2 ? Shapes.size(Arrays.copyOfRange(s, 2, s.length)) : 1;
        double[] v = x.data();
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int c = (i / inner) % channels;
            y[i] = (v[i] - mean[c]) / Math.sqrt(var[c] + eps) * scale[c] + bias[c];
        }
        DoubleTensor[] outs = new DoubleTensor[Math.max(1, n.outputCount())];
        outs[0] = DoubleTensor.wrap(y, s, x.elementType());
        return Arrays.asList(outs);
    }

    /**
     * Softmax-13: {@code exp(x - max) / Σ exp(x - max)} along {@code axis} (default -1). Before
     * opset 13 the input was coerced to 2-D at {@code axis} (default 1) and normalized over all
     * axes from there on.
     */
    private static DoubleTensor softmax(OpNode n) {
        DoubleTensor x = n.input(0);
        int[] s = x.dims();
        boolean modern = n.opset() >= 13;
        int axis = Shapes.axis(n.integer("axis", modern ? -1 : 1), s.length);
        int outer = Shapes.size(Arrays.copyOfRange(s, 0, axis));
        int len = modern ? s[axis] : Shapes.size(Arrays.copyOfRange(s, axis, s.length));
        int inner = modern ? Shapes.size(Arrays.copyOfRange(s, axis + 1, s.length)) : 1;
        double[] v = x.data();
        double[] y = new double[v.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < len; t++) {
                    max = Math.max(max, v[base + t * inner]);
                }
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    double e = Math.exp(v[base + t * inner] - max);
                    y[base + t * inner] = e;
                    sum += e;
                }
                for (int t = 0; t < len; t++) {
                    y[base + t * inner] /= sum;
                }
            }
        }
        return DoubleTensor.wrap(y, s, x.elementType());
    }
}
