package dev.neurolens.featurevis;

import dev.neurolens.graph.build.ModelBuilder;
import java.nio.file.Path;

/** Models whose units' preferred stimuli are known: colour detectors and oriented gratings. */
final class HandBuiltModels {
    static final int SIZE = 24;

    private HandBuiltModels() {
    }

    /**
     * Three 1x1 units; unit c is {@code relu(2·x_c − x_r − x_g − x_b + 0.6)}: it fires for colour c
     * (bias so that the grey start is not in the dead zone).
     */
    static Path colourDetectors(Path dir) {
        float[] w = new float[9];
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 3; i++) {
                w[o * 3 + i] = (o == i ? 2f : 0f) - 1f;
            }
        }
        return new ModelBuilder("colour-detectors")
                .input("x", -1, 3, SIZE, SIZE)
                .initializer("w", w, 3, 3, 1, 1)
                .initializer("b", new float[] {0.6f, 0.6f, 0.6f}, 3)
                .node("Conv").name("detect").inputs("x", "w", "b").outputs("d").model()
                .node("Relu").name("units").inputs("d").outputs("u").model()
                .output("u", -1, 3, SIZE, SIZE)
                .write(dir.resolve("colour.onnx"));
    }

    /**
     * Gabor units (7x7, wavelength 4 pixels, on the sum of the colours), one per angle: unit k
     * responds to a grating whose intensity varies along the direction {@code angles[k]} (radians,
     * 0 = along x).
     */
    static Path gabors(Path dir, double... angles) {
        int k = 7;
        float[] w = new float[angles.length * 3 * k * k];
        for (int o = 0; o < angles.length; o++) {
            double cos = Math.cos(angles[o]);
            double sin = Math.sin(angles[o]);
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    double dx = x - 3;
                    double dy = y - 3;
                    double along = dx * cos + dy * sin;
                    double g = Math.exp(-(dx * dx + dy * dy) / (2 * 2.5 * 2.5)) * Math.cos(2 * Math.PI * along / 4);
                    for (int c = 0; c < 3; c++) {
                        w[((o * 3 + c) * k + y) * k + x] = (float) g;
                    }
                }
            }
        }
        return new ModelBuilder("gabors")
                .input("x", -1, 3, SIZE, SIZE)
                .initializer("w", w, angles.length, 3, k, k)
                .node("Conv").name("gabor").inputs("x", "w").outputs("g").ints("pads", 3, 3, 3, 3).model()
                .node("Relu").name("units").inputs("g").outputs("u").model()
                .output("u", -1, angles.length, SIZE, SIZE)
                .write(dir.resolve("gabors.onnx"));
    }

    /**
     * A small classifier: conv 3→4 (3x3) + tanh ("a"), conv 4→2 + tanh ("b"), global pooling and
     * a linear layer to 3 logits (smooth, for finite differences).
     */
    static Path smallNet(Path dir) {
        float[] w1 = weights(4 * 3 * 9, 0.4, 1);
        float[] w2 = weights(2 * 4 * 9, 0.3, 2);
        float[] fc = weights(3 * 2, 1.0, 3);
        return new ModelBuilder("small")
                .input("x", -1, 3, 8, 8)
                .initializer("w1", w1, 4, 3, 3, 3)
                .initializer("b1", new float[] {0.1f, -0.1f, 0.05f, 0f}, 4)
                .initializer("w2", w2, 2, 4, 3, 3)
                .initializer("fc", fc, 3, 2)
                .node("Conv").name("conv1").inputs("x", "w1", "b1").outputs("c1").ints("pads", 1, 1, 1, 1).model()
                .node("Tanh").name("a").inputs("c1").outputs("a").model()
                .node("Conv").name("conv2").inputs("a", "w2").outputs("c2").ints("pads", 1, 1, 1, 1).model()
                .node("Tanh").name("b").inputs("c2").outputs("b").model()
                .node("GlobalAveragePool").name("gap").inputs("b").outputs("p").model()
                .node("Flatten").name("flat").inputs("p").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fc").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 3)
                .write(dir.resolve("small.onnx"));
    }

    private static float[] weights(int n, double amplitude, int seed) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (amplitude * Math.sin(1.3 * i + seed));
        }
        return w;
    }
}
