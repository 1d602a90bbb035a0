package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.build.TensorProtos;
import java.util.List;

/**
 * Small networks: rules chained, a tensor with two consumers whose gradients must be summed
 * (fan-out), gradients with respect to intermediate tensors, and the kinks of ReLU and MaxPool
 * inside the network (handled by the finite differences' kink detection, not by the inputs).
 */
final class CompositeCases {
    private CompositeCases() {
    }

    static List<GradientCase> all() {
        return List.of(smallClassifier(), fanOut(), residualBlock(), mobileBlock(), blockedResidualStage());
    }

    /** conv → relu → global average pool → flatten → gemm → softmax. */
    private static GradientCase smallClassifier() {
        GradientCase.Builder b = GradientCase.of("Composite", "conv-relu-gap-flatten-gemm-softmax", 1, 2, 3, 8, 8);
        ModelBuilder m = b.model();
        RandomWeights r = b.random();
        m.initializer("w", r.he(4 * 27, 27), 4, 3, 3, 3).initializer("b", r.uniform(4, -0.2, 0.2), 4)
                .initializer("fc", r.he(5 * 4, 4), 5, 4).initializer("fcb", r.uniform(5, -0.2, 0.2), 5);
        m.node("Conv").name("conv").inputs("x", "w", "b").outputs("c").ints("pads", 1, 1, 1, 1).ints("strides", 2, 2);
        m.node("Relu").name("relu").inputs("c").outputs("r");
        m.node("GlobalAveragePool").name("gap").inputs("r").outputs("g");
        m.node("Flatten").name("flatten").inputs("g").outputs("f");
        m.node("Gemm").name("fc").inputs("f", "fc", "fcb").outputs("logits").attr("transB", 1);
        m.node("Softmax").name("softmax").inputs("logits").outputs("y");
        return b.wrt("x", "r").build();
    }

    /** t = conv(x) feeds Relu and Sigmoid, whose outputs are added: dt = drelu + dsigmoid. */
    private static GradientCase fanOut() {
        GradientCase.Builder b = GradientCase.of("Composite", "fan-out: conv output used by Relu and Sigmoid, then Add", 2,
                2, 2, 5, 5);
        ModelBuilder m = b.model();
        m.initializer("w", b.random().he(3 * 18, 18), 3, 2, 3, 3);
        m.node("Conv").name("conv").inputs("x", "w").outputs("t").ints("pads", 1, 1, 1, 1);
        m.node("Relu").name("relu").inputs("t").outputs("a");
        m.node("Sigmoid").name("sigmoid").inputs("t").outputs("s");
        m.node("Add").name("add").inputs("a", "s").outputs("y");
        return b.wrt("x", "t").build();
    }

    /**
     * A ResNet basic block with BatchNorm and a strided MaxPool stem: conv-bn-relu-maxpool, then
     * relu(bn(conv(h)) + h).
     */
    private static GradientCase residualBlock() {
        GradientCase.Builder b = GradientCase.of("Composite", "conv-bn-relu-maxpool + residual block", 3, 2, 3, 8, 8);
        ModelBuilder m = b.model();
        RandomWeights r = b.random();
        m.initializer("w1", r.he(4 * 27, 27), 4, 3, 3, 3).initializer("w2", r.he(4 * 36, 36), 4, 4, 3, 3);
        for (String bn : new String[] {"bn1", "bn2"}) {
            m.initializer(bn + "_s", r.uniform(4, 0.5, 1.5), 4).initializer(bn + "_b", r.uniform(4, -0.2, 0.2), 4)
                    .initializer(bn + "_m", r.uniform(4, -0.2, 0.2), 4).initializer(bn + "_v", r.uniform(4, 0.5, 1.5), 4);
        }
        m.node("Conv").name("conv1").inputs("x", "w1").outputs("c1").ints("pads", 1, 1, 1, 1);
        m.node("BatchNormalization").name("bn1").inputs("c1", "bn1_s", "bn1_b", "bn1_m", "bn1_v").outputs("n1");
        m.node("Relu").name("relu1").inputs("n1").outputs("r1");
        m.node("MaxPool").name("pool").inputs("r1").outputs("h").ints("kernel_shape", 3, 3).ints("strides", 2, 2)
                .ints("pads", 1, 1, 1, 1);
        m.node("Conv").name("conv2").inputs("h", "w2").outputs("c2").ints("pads", 1, 1, 1, 1);
        m.node("BatchNormalization").name("bn2").inputs("c2", "bn2_s", "bn2_b", "bn2_m", "bn2_v").outputs("n2");
        m.node("Add").name("residual").inputs("n2", "h").outputs("sum");
        m.node("Relu").name("relu2").inputs("sum").outputs("y");
        return b.wrt("x", "h").build();
    }

    /** MobileNet-style: pointwise conv, ReLU6 (Clip), depthwise conv, HardSwish, upsample (Resize). */
    private static GradientCase mobileBlock() {
        GradientCase.Builder b = GradientCase.of("Composite", "pointwise-relu6-depthwise-hardswish-resize", 4, 1, 2, 6, 6);
        ModelBuilder m = b.model();
        RandomWeights r = b.random();
        m.initializer("pw", r.he(4 * 2, 2), 4, 2, 1, 1).initializer("dw", r.he(4 * 9, 9), 4, 1, 3, 3)
                .initializer("zero", new float[] {0}).initializer("six", new float[] {6})
                .initializer("scales", new float[] {1, 1, 2, 2}, 4);
        m.node("Conv").name("pointwise").inputs("x", "pw").outputs("p");
        m.node("Clip").name("relu6").inputs("p", "zero", "six").outputs("q");
        m.node("Conv").name("depthwise").inputs("q", "dw").outputs("d").attr("group", 4).ints("strides", 2, 2)
                .ints("pads", 1, 1, 1, 1);
        m.node("HardSwish").name("hswish").inputs("d").outputs("h");
        m.node("Resize").name("up").inputs("h", "", "scales").outputs("y").attr("mode", "nearest");
        return b.build();
    }

    /**
     * A residual stage as in ResNet-20, with 16 and 32 channels so that the compiler's layout
     * barriers and blocked ReLU masks are emitted (BlockedLayout): stem conv-relu, an identity
     * block, then a strided block whose option-A shortcut (Slice ::2, Pad channels) meets the
     * convolution branch in the forward Add and, backward, a ConvTranspose in a Sum.
     */
    static GradientCase blockedResidualStage() {
        GradientCase.Builder b = GradientCase.withBatchAxis("Composite", "16/32-channel residual stage with option-A shortcut", 5,
                2, 3, 8, 8);
        ModelBuilder m = b.model();
        RandomWeights r = b.random();
        m.initializer("w0", r.he(16 * 27, 27), 16, 3, 3, 3).initializer("b0", r.uniform(16, -0.2, 0.2), 16)
                .initializer("w1", r.he(16 * 144, 144), 16, 16, 3, 3).initializer("b1", r.uniform(16, -0.2, 0.2), 16)
                .initializer("w2", r.he(16 * 144, 144), 16, 16, 3, 3).initializer("b2", r.uniform(16, -0.2, 0.2), 16)
                .initializer("w3", r.he(32 * 144, 144), 32, 16, 3, 3).initializer("b3", r.uniform(32, -0.2, 0.2), 32)
                .initializer("w4", r.he(32 * 288, 288), 32, 32, 3, 3).initializer("b4", r.uniform(32, -0.2, 0.2), 32)
                .initializer("fc", r.he(5 * 32, 32), 5, 32).initializer("fcb", r.uniform(5, -0.2, 0.2), 5);
        m.node("Conv").name("conv0").inputs("x", "w0", "b0").outputs("c0").ints("pads", 1, 1, 1, 1);
        m.node("Relu").name("relu0").inputs("c0").outputs("r0");
        m.node("Conv").name("conv1").inputs("r0", "w1", "b1").outputs("c1").ints("pads", 1, 1, 1, 1);
        m.node("Relu").name("relu1").inputs("c1").outputs("r1");
        m.node("Conv").name("conv2").inputs("r1", "w2", "b2").outputs("c2").ints("pads", 1, 1, 1, 1);
        m.node("Add").name("add1").inputs("c2", "r0").outputs("s1");
        m.node("Relu").name("relu2").inputs("s1").outputs("r2");
        m.node("Conv").name("conv3").inputs("r2", "w3", "b3").outputs("c3").ints("pads", 1, 1, 1, 1)
                .ints("strides", 2, 2);
        m.node("Relu").name("relu3").inputs("c3").outputs("r3");
        m.node("Conv").name("conv4").inputs("r3", "w4", "b4").outputs("c4").ints("pads", 1, 1, 1, 1);
        m.node("Constant").name("starts").outputs("s").attr("value", TensorProtos.int64Vector("", 0, 0));
        m.node("Constant").name("ends").outputs("e").attr("value", TensorProtos.int64Vector("", Long.MAX_VALUE,
                Long.MAX_VALUE));
        m.node("Constant").name("axes").outputs("a").attr("value", TensorProtos.int64Vector("", 2, 3));
        m.node("Constant").name("steps").outputs("st").attr("value", TensorProtos.int64Vector("", 2, 2));
        m.node("Slice").name("shortcut_slice").inputs("r2", "s", "e", "a", "st").outputs("sub");
        m.node("Constant").name("pads").outputs("p").attr("value", TensorProtos.int64Vector("", 0, 8, 0, 0, 0, 8, 0, 0));
        m.node("Pad").name("shortcut_pad").inputs("sub", "p").outputs("short");
        m.node("Add").name("add2").inputs("c4", "short").outputs("s2");
        m.node("Relu").name("relu4").inputs("s2").outputs("r4");
        m.node("GlobalAveragePool").name("gap").inputs("r4").outputs("g");
        m.node("Flatten").name("flatten").inputs("g").outputs("f");
        m.node("Gemm").name("fc").inputs("f", "fc", "fcb").outputs("y").attr("transB", 1);
        return b.wrt("x", "r2").build();
    }
}
