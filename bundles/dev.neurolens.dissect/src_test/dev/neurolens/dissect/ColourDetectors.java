package dev.neurolens.dissect;

import dev.neurolens.data.synth.NamedColor;
import dev.neurolens.graph.build.ModelBuilder;
import java.nio.file.Path;

/**
 * A hand-built model whose units are exact colour detectors: unit {@code k} of layer
 * {@code "detect"} is {@code relu(1 − Σ_c |x_c − colour_k,c| / (50/255))}, positive exactly where
 * a pixel lies within L1 distance 50 (in 8-bit units) of the {@code k}-th Broden colour. The
 * generator paints each region within 12 + 3 per channel of its colour (L1 ≤ 45), and any two of
 * its colours are at least 100 apart, so every colour-{@code k} pixel and no other activates unit
 * {@code k}. Layer {@code "pooled"} is a 2x2 average pool of it (half the resolution); the logits
 * are the global average.
 */
final class ColourDetectors {
    static final int SIZE = 32;
    static final NamedColor[] COLOURS = NamedColor.values();

    private ColourDetectors() {
    }

    static Path write(Path dir) {
        int k = COLOURS.length;
        float[] rep = new float[3 * k * 3];
        float[] repBias = new float[3 * k];
        float[] sum = new float[k * 3 * k];
        float[] sumBias = new float[k];
        for (int u = 0; u < k; u++) {
            int rgb = COLOURS[u].rgb();
            int[] c = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
            for (int ch = 0; ch < 3; ch++) {
                rep[(3 * u + ch) * 3 + ch] = 1f;
                repBias[3 * u + ch] = -c[ch] / 255f;
                sum[u * 3 * k + 3 * u + ch] = -255f / 50f;
            }
            sumBias[u] = 1f;
        }
        return new ModelBuilder("colour-detectors")
                .input("x", -1, 3, SIZE, SIZE)
                .initializer("rep", rep, 3L * k, 3, 1, 1)
                .initializer("rep_b", repBias, 3L * k)
                .initializer("sum", sum, k, 3L * k, 1, 1)
                .initializer("sum_b", sumBias, k)
                .node("Conv").name("difference").inputs("x", "rep", "rep_b").outputs("d").model()
                .node("Abs").name("abs").inputs("d").outputs("a").model()
                .node("Conv").name("score").inputs("a", "sum", "sum_b").outputs("s").model()
                .node("Relu").name("detect").inputs("s").outputs("detect").model()
                .node("AveragePool").name("pool").inputs("detect").outputs("pooled").ints("kernel_shape", 2, 2)
                .ints("strides", 2, 2).model()
                .node("GlobalAveragePool").name("gap").inputs("pooled").outputs("g").model()
                .node("Flatten").name("flat").inputs("g").outputs("logits").attr("axis", 1).model()
                .output("logits", -1, k)
                .write(dir.resolve("colour-detectors.onnx"));
    }
}
