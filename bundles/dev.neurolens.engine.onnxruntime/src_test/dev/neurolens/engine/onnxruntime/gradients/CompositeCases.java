package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
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
        return List.of(smallClassifier(), fanOut(), residualBlock(), mobileBlock());
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
}
