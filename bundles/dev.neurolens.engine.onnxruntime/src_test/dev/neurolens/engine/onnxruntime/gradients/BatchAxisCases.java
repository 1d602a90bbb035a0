package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.build.TensorProtos;
import java.util.List;

/**
 * Models whose input has a symbolic batch axis, as exported classifiers do: the compiler then
 * knows every shape but the first axis ({@code -1}), and the rules must not depend on it.
 */
final class BatchAxisCases {
    private BatchAxisCases() {
    }

    static List<GradientCase> all() {
        return List.of(convPoolGemm(), broadcastAndSqueezeExcite(), reshapeTransposeSoftmax(), shortcutConcatResize());
    }

    /** conv s2 → bn → relu → maxpool ceil → avgpool → flatten → gemm. */
    private static GradientCase convPoolGemm() {
        GradientCase.Builder b = GradientCase.withBatchAxis("Batch axis", "conv-bn-relu-maxpool-avgpool-flatten-gemm", 1,
                3, 3, 9, 9);
        ModelBuilder m = b.model();
        RandomWeights r = b.random();
        m.initializer("w", r.he(4 * 27, 27), 4, 3, 3, 3).initializer("s", r.uniform(4, 0.5, 1.5), 4)
                .initializer("bb", r.uniform(4, -0.2, 0.2), 4).initializer("mu", r.uniform(4, -0.2, 0.2), 4)
                .initializer("var", r.uniform(4, 0.5, 1.5), 4).initializer("fc", r.he(36 * 3, 36), 36, 3);
        m.node("Conv").name("conv").inputs("x", "w").outputs("c").ints("strides", 2, 2).ints("pads", 1, 1, 1, 1);
        m.node("BatchNormalization").name("bn").inputs("c", "s", "bb", "mu", "var").outputs("n");
        m.node("Relu").name("relu").inputs("n").outputs("r");
        m.node("MaxPool").name("maxpool").inputs("r").outputs("p").ints("kernel_shape", 2, 2).ints("strides", 2, 2)
                .attr("ceil_mode", 1);
        m.node("AveragePool").name("avgpool").inputs("p").outputs("a").ints("kernel_shape", 2, 2).ints("strides", 1, 1)
                .ints("pads", 0, 0, 1, 1);
        m.node("Flatten").name("flatten").inputs("a").outputs("f");
        m.node("Gemm").name("fc").inputs("f", "fc").outputs("y");
        return b.wrt("x", "p").build();
    }

    /** channel bias, SE-style rescaling by the channel means, and a division by a weight. */
    private static GradientCase broadcastAndSqueezeExcite() {
        GradientCase.Builder b = GradientCase.withBatchAxis("Batch axis", "bias add, SE multiply, divide, sub", 2,
                2, 3, 4, 4);
        ModelBuilder m = b.model();
        m.initializer("bias", b.random().uniform(3, -1, 1), 3, 1, 1).initializer("d", b.random().signed(4, 0.5, 1.5), 4);
        m.node("Add").name("add").inputs("x", "bias").outputs("a");
        m.node("GlobalAveragePool").name("gap").inputs("a").outputs("m");
        m.node("Sigmoid").name("gate").inputs("m").outputs("g");
        m.node("Mul").name("excite").inputs("a", "g").outputs("e");
        m.node("Div").name("div").inputs("e", "d").outputs("q");
        m.node("Sub").name("sub").inputs("q", "m").outputs("y");
        return b.wrt("x", "bias", "d").build();
    }

    /** NCHW → NHWC, reshape with 0 and -1, softmax, squeeze/unsqueeze. */
    private static GradientCase reshapeTransposeSoftmax() {
        GradientCase.Builder b = GradientCase.withBatchAxis("Batch axis", "transpose-reshape-softmax-unsqueeze-squeeze", 3,
                2, 3, 2, 4);
        ModelBuilder m = b.model();
        m.int64Vector("shape", 0, -1, 3).int64Vector("axes", 1);
        m.node("Transpose").name("nhwc").inputs("x").outputs("t").ints("perm", 0, 2, 3, 1);
        m.node("Reshape").name("rows").inputs("t", "shape").outputs("r");
        m.node("Softmax").name("softmax").inputs("r").outputs("s").attr("axis", -1);
        m.node("Unsqueeze").name("unsqueeze").inputs("s", "axes").outputs("u");
        m.node("Squeeze").name("squeeze").inputs("u", "axes").outputs("y");
        return b.build();
    }

    /** ResNet's option-A shortcut (strided Slice, channel Pad), concatenated with x, then upsampled. */
    private static GradientCase shortcutConcatResize() {
        GradientCase.Builder b = GradientCase.withBatchAxis("Batch axis", "slice ::2, pad channels, concat, resize", 4,
                2, 2, 6, 6);
        ModelBuilder m = b.model();
        m.int64Vector("s", 0, 0).int64Vector("e", Long.MAX_VALUE, Long.MAX_VALUE).int64Vector("a", 2, 3)
                .int64Vector("st", 2, 2).initializer("scales", new float[] {1, 1, 2, 2}, 4);
        m.node("Slice").name("slice").inputs("x", "s", "e", "a", "st").outputs("sub");
        m.node("Constant").name("pads").outputs("p").attr("value", TensorProtos.int64Vector("", 0, 1, 0, 0, 0, 1, 0, 0));
        m.node("Pad").name("pad").inputs("sub", "p").outputs("padded");
        m.node("Resize").name("up").inputs("padded", "", "scales").outputs("big").attr("mode", "nearest");
        m.node("Concat").name("concat").inputs("x", "big").outputs("y").attr("axis", 1);
        return b.build();
    }
}
