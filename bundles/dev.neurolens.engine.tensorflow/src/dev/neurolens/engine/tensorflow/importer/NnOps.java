package dev.neurolens.engine.tensorflow.importer;

import org.tensorflow.proto.NodeDef;

/**
 * Convolutions, pooling, bias and batch normalization: NHWC TensorFlow ops to NCHW ONNX ops
 * (weights permuted here, activations held NCHW, see {@link Val#nchw()}).
 */
final class NnOps {

    private NnOps() {
    }

    /** {@code Conv2D} (HWIO kernel, groups when the kernel has fewer input channels). */
    static void conv2d(Conversion c, NodeDef n) {
        requireNhwc(n);
        Val x = c.asNchw(c.val(n, 0));
        ConstValue w = c.constant(n, 1);
        long[] ws = w.shape();
        long[] oihw = Layout.permute(ws, new long[] {3, 2, 0, 1});
        String weight = c.floats(n.getName() + "/kernel", Layout.transpose(w.floats(), ws, new long[] {3, 2, 0, 1}), oihw);
        long channels = x.shape()[3];
        long group = channels > 0 ? channels / ws[2] : 1;
        conv(c, n, x, weight, ws[0], ws[1], group);
    }

    /** {@code DepthwiseConv2dNative}: kernel {@code [kh, kw, C, M]} is a grouped conv with C groups. */
    static void depthwise(Conversion c, NodeDef n) {
        requireNhwc(n);
        Val x = c.asNchw(c.val(n, 0));
        ConstValue w = c.constant(n, 1);
        long[] ws = w.shape();
        long kh = ws[0];
        long kw = ws[1];
        long ch = ws[2];
        long mult = ws[3];
        float[] src = w.floats();
        float[] dst = new float[src.length];
        // ONNX output channel ch*M + m of group ch reads kernel [:, :, ch, m]
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int k = 0; k < ch; k++) {
                    for (int m = 0; m < mult; m++) {
                        dst[(int) ((((k * mult + m) * kh) + i) * kw + j)] = src[(int) (((i * kw + j) * ch + k) * mult + m)];
                    }
                }
            }
        }
        String weight = c.floats(n.getName() + "/kernel", dst, ch * mult, 1, kh, kw);
        conv(c, n, x, weight, kh, kw, ch);
    }

    private static void conv(Conversion c, NodeDef n, Val x, String weight, long kh, long kw, long group) {
        long[] strides = hw(Conversion.ints(n, "strides"));
        long[] dilations = hw(Conversion.ints(n, "dilations"));
        long[] pads = pads(n, x.shape(), kh, kw, strides, dilations);
        NodeDef biasAdd = followingBias(c, n);
        String[] inputs = biasAdd == null ? new String[] {x.name(), weight} : new String[] {x.name(), weight,
            c.floats(biasAdd.getName() + "/bias", c.constant(biasAdd, 1).floats(), c.constant(biasAdd, 1).size())};
        String out = c.node("Conv", n, inputs).ints("kernel_shape", kh, kw).ints("strides", strides)
                .ints("dilations", dilations).ints("pads", pads).attr("group", group).output();
        // a following BiasAdd is the Conv's bias input (one layer, as other exporters write it)
        c.define(biasAdd == null ? n : biasAdd, out, true);
        if (biasAdd != null) {
            c.fuse(biasAdd);
        }
    }

    /** The {@code BiasAdd} of a constant that is the only reader of conv {@code n}, or {@code null}. */
    private static NodeDef followingBias(Conversion c, NodeDef n) {
        java.util.List<NodeDef> next = c.consumers(n);
        if (next.size() != 1 || !next.get(0).getOp().equals("BiasAdd") || !c.isConst(next.get(0), 1)
                || !Conversion.str(next.get(0), "data_format", "NHWC").equals("NHWC")
                || n.getName().equals(GraphFacts.canonical(c.facts.flat().output()))) {
            return null;
        }
        return next.get(0);
    }

    /** {@code MaxPool} and {@code AvgPool} (TensorFlow's average excludes padding, as ONNX's default). */
    static void pool(Conversion c, NodeDef n, String onnxOp) {
        requireNhwc(n);
        Val x = c.asNchw(c.val(n, 0));
        long[] k = hw(Conversion.ints(n, "ksize"));
        long[] strides = hw(Conversion.ints(n, "strides"));
        long[] pads = pads(n, x.shape(), k[0], k[1], strides, new long[] {1, 1});
        String out = c.node(onnxOp, n, x.name()).ints("kernel_shape", k).ints("strides", strides).ints("pads", pads)
                .output();
        c.define(n, out, true);
    }

    /** {@code BiasAdd}: a per-channel add on the last (NHWC) axis. */
    static void biasAdd(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        ConstValue b = c.constant(n, 1);
        if (x.rank() == 4) {
            requireNhwc(n);
            x = c.asNchw(x);
            String bias = c.floats(n.getName() + "/bias", b.floats(), b.size(), 1, 1);
            c.define(n, c.node("Add", n, x.name(), bias).output(), true);
        } else {
            x = c.asIs(x);
            String bias = c.floats(n.getName() + "/bias", b.floats(), b.size());
            c.define(n, c.node("Add", n, x.name(), bias).output(), false);
        }
    }

    /** {@code FusedBatchNorm[V2|V3]} in inference mode. */
    static void batchNorm(Conversion c, NodeDef n) {
        requireNhwc(n);
        if (Conversion.bool(n, "is_training", false)) {
            throw Conversion.unsupported(n, "it is in training mode");
        }
        Val x = c.asNchw(c.val(n, 0));
        String[] params = new String[4];
        String[] what = {"scale", "offset", "mean", "variance"};
        for (int i = 0; i < 4; i++) {
            ConstValue p = c.constant(n, i + 1);
            params[i] = c.floats(n.getName() + "/" + what[i], p.floats(), p.size());
        }
        String out = c.node("BatchNormalization", n, x.name(), params[0], params[1], params[2], params[3])
                .attr("epsilon", Conversion.real(n, "epsilon", 1e-3f)).output();
        c.define(n, out, true);
    }

    /**
     * Keras 3 writes inference-mode BatchNormalization as {@code x * m + a} with per-channel
     * constants {@code m = gamma / sqrt(var + eps)} and {@code a = beta - mean * m}. The pair
     * becomes one ONNX {@code BatchNormalization} (scale m, bias a, mean 0, variance 1, epsilon 0:
     * the same values), so that LRP's canonizer merges it into the preceding layer as it does for
     * other exporters' batch norms.
     *
     * @return whether {@code mul} started such a pair (then both nodes are converted)
     */
    static boolean affineBatchNorm(Conversion c, NodeDef mul) {
        if (c.isConst(mul, 0) || !c.isConst(mul, 1)) {
            return false;
        }
        Val x = c.val(mul, 0);
        ConstValue m = c.constant(mul, 1);
        long channels = x.shape()[x.rank() - 1];
        java.util.List<NodeDef> next = c.consumers(mul);
        if (x.rank() < 2 || m.shape().length != 1 || m.size() != channels || next.size() != 1) {
            return false;
        }
        NodeDef add = next.get(0);
        if (!(add.getOp().equals("AddV2") || add.getOp().equals("Add")) || !GraphFacts.canonical(add.getInput(0))
                .equals(mul.getName()) || !c.isConst(add, 1)) {
            return false;
        }
        ConstValue a = c.constant(add, 1);
        if (a.shape().length != 1 || a.size() != channels) {
            return false;
        }
        boolean image = x.rank() == 4;
        x = image ? c.asNchw(x) : c.asIs(x);
        if (!image && x.rank() != 2) {
            return false;
        }
        float[] zeros = new float[(int) channels];
        float[] ones = new float[(int) channels];
        java.util.Arrays.fill(ones, 1f);
        String scale = c.floats(mul.getName() + "/scale", m.floats(), channels);
        String bias = c.floats(add.getName() + "/bias", a.floats(), channels);
        String mean = c.floats(mul.getName() + "/mean", zeros, channels);
        String var = c.floats(mul.getName() + "/variance", ones, channels);
        String out = c.node("BatchNormalization", add, x.name(), scale, bias, mean, var).attr("epsilon", 0f).output();
        c.define(add, out, image);
        c.fuse(add);
        return true;
    }

    /** ONNX pads {@code [top, left, bottom, right]} for TensorFlow's {@code SAME}/{@code VALID}/{@code EXPLICIT}. */
    static long[] pads(NodeDef n, long[] nhwc, long kh, long kw, long[] strides, long[] dilations) {
        String padding = Conversion.str(n, "padding", "VALID");
        switch (padding) {
            case "VALID":
                return new long[] {0, 0, 0, 0};
            case "EXPLICIT": {
                long[] e = Conversion.ints(n, "explicit_paddings");
                return new long[] {e[2], e[4], e[3], e[5]};
            }
            case "SAME": {
                if (nhwc[1] < 0 || nhwc[2] < 0) {
                    throw Conversion.unsupported(n, "SAME padding needs a known input size");
                }
                long[] h = same(nhwc[1], kh, strides[0], dilations[0]);
                long[] w = same(nhwc[2], kw, strides[1], dilations[1]);
                return new long[] {h[0], w[0], h[1], w[1]};
            }
            default:
                throw Conversion.unsupported(n, "unknown padding " + padding);
        }
    }

    /** TensorFlow's SAME padding {@code (begin, end)} along one axis: the odd pixel goes to the end. */
    static long[] same(long in, long k, long stride, long dilation) {
        long out = (in + stride - 1) / stride;
        long effective = (k - 1) * dilation + 1;
        long total = Math.max((out - 1) * stride + effective - in, 0);
        return new long[] {total / 2, total - total / 2};
    }

    /** The H and W entries of an NHWC attribute list (1, 1 when absent). */
    private static long[] hw(long[] nhwc) {
        return nhwc.length == 4 ? new long[] {nhwc[1], nhwc[2]} : new long[] {1, 1};
    }

    private static void requireNhwc(NodeDef n) {
        String format = Conversion.str(n, "data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw Conversion.unsupported(n, "data_format " + format + " (only NHWC)");
        }
    }
}
