package dev.neurolens.attribution;

import dev.neurolens.graph.build.ModelBuilder;
import java.nio.file.Path;

/**
 * Small models whose attributions are known in closed form.
 */
final class TinyModels {
    /** Input shape of the tiny models: one image of 3 channels, 2x2 pixels. */
    static final int C = 3;
    static final int H = 2;
    static final int W = 2;
    static final int CLASSES = 3;
    static final int FEATURES = C * H * W;

    private TinyModels() {
    }

    /** Deterministic weights {@code [CLASSES, FEATURES]} of both signs. */
    static float[] weights() {
        float[] w = new float[CLASSES * FEATURES];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (Math.sin(1.7 * i + 0.3) * 1.5);
        }
        return w;
    }

    static float[] bias() {
        return new float[] {0.1f, -0.2f, 0.3f};
    }

    /** {@code logits = W · relu(x).flatten() + b}. */
    static Path reluLinear(Path dir) {
        return new ModelBuilder("relu-linear")
                .input("x", -1, C, H, W)
                .initializer("w", weights(), CLASSES, FEATURES)
                .initializer("b", bias(), CLASSES)
                .node("Relu").name("relu").inputs("x").outputs("r").model()
                .node("Flatten").name("flat").inputs("r").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w", "b").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, CLASSES)
                .write(dir.resolve("relu-linear.onnx"));
    }

    /** {@code logits = W · x.flatten() + b}. */
    static Path linear(Path dir) {
        return new ModelBuilder("linear")
                .input("x", -1, C, H, W)
                .initializer("w", weights(), CLASSES, FEATURES)
                .initializer("b", bias(), CLASSES)
                .node("Flatten").name("flat").inputs("x").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w", "b").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, CLASSES)
                .write(dir.resolve("linear.onnx"));
    }

    /** {@code logits = W · erf(x).flatten() + b}: Erf has no backward rule. */
    static Path erfLinear(Path dir) {
        return new ModelBuilder("erf-linear")
                .input("x", -1, C, H, W)
                .initializer("w", weights(), CLASSES, FEATURES)
                .initializer("b", bias(), CLASSES)
                .node("Erf").name("erf").inputs("x").outputs("e").model()
                .node("Flatten").name("flat").inputs("e").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w", "b").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, CLASSES)
                .write(dir.resolve("erf-linear.onnx"));
    }

    /** {@code logits = W · act(x).flatten() + b} for {@code Clip(x, min, 6)} or, if {@code leaky}, {@code LeakyRelu(x, 0.1)}. */
    static Path activationLinear(Path dir, String name, boolean leaky, float min) {
        ModelBuilder m = new ModelBuilder(name)
                .input("x", -1, C, H, W)
                .initializer("w", weights(), CLASSES, FEATURES)
                .initializer("b", bias(), CLASSES)
                .initializer("lo", new float[] {min})
                .initializer("hi", new float[] {6f});
        if (leaky) {
            m.node("LeakyRelu").name("act").inputs("x").outputs("a").attr("alpha", 0.1f);
        } else {
            m.node("Clip").name("act").inputs("x", "lo", "hi").outputs("a");
        }
        return m.node("Flatten").name("flat").inputs("a").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w", "b").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, CLASSES)
                .write(dir.resolve(name + ".onnx"));
    }
}
