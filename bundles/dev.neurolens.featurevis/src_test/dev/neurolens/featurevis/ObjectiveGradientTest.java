package dev.neurolens.featurevis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.featurevis.param.ModelInput;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The objective head: values against plain Java on tapped activations, gradients against finite differences. */
class ObjectiveGradientTest {
    private static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void valuesAndGradientsOfEveryObjectiveKind(@TempDir Path dir) {
        try (LoadedModel model = engine.open(HandBuiltModels.smallNet(dir))) {
            Objectives o = new Objectives(model.capability(GraphRunner.class).orElseThrow(), "logits");
            List<Objective> perImage = List.of(
                    o.channel("a", 1).plus(o.layer("b").times(0.5f)),
                    o.neuron("conv2", 0, 3, 5).negate().plus(o.logit(2)),
                    o.direction("a", new float[] {0.5f, -1f, 0.25f, 2f}).plus(o.randomDirection("b", 3)));
            CompiledObjective compiled = CompiledObjective.compile(model, perImage);
            int n = perImage.size();
            Random r = new Random(2);
            double[] rgb = new double[n * 3 * 64];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = r.nextDouble();
            }
            CompiledObjective.Evaluation ev = compiled.evaluate(rgb, Progress.NONE);

            // values: plain Java on the activations the model returns
            Tensor x = new ModelInput(model.info().preprocessing()).apply(rgb, n);
            Map<String, Tensor> acts = model.run(x, List.of("a", "b", "c2", "logits"), Progress.NONE);
            for (int i = 0; i < n; i++) {
                int image = i;
                Map<String, float[]> one = Map.of("a", acts.get("a").slice(image).data(), "b",
                        acts.get("b").slice(image).data(), "c2", acts.get("c2").slice(image).data(), "logits",
                        acts.get("logits").slice(image).data());
                double expected = perImage.get(i).value(one);
                assertEquals(expected, ev.values()[i], 1e-4 * Math.max(1, Math.abs(expected)), "objective " + i);
            }

            // gradients: central differences of the values, on a few pixels of every image
            double h = 1e-2;
            for (int k = 0; k < 24; k++) {
                int at = r.nextInt(rgb.length);
                int image = at / (3 * 64);
                double[] plus = rgb.clone();
                double[] minus = rgb.clone();
                plus[at] += h;
                minus[at] -= h;
                double numeric = (compiled.evaluate(plus, Progress.NONE).values()[image]
                        - compiled.evaluate(minus, Progress.NONE).values()[image]) / (2 * h);
                assertEquals(numeric, ev.rgbGradient()[at], 2e-3 + 2e-2 * Math.abs(numeric), "d objective / d rgb[" + at
                        + "]");
            }
            double norm = 0;
            for (double g : ev.rgbGradient()) {
                norm += g * g;
            }
            assertTrue(norm > 1e-6, "the gradient is not zero");
        }
    }

    /** Lucid's diversity: −λ/N Σ_{j≠i} cos(G_i, G_j) of the Gram matrices, against plain Java and differences. */
    @Test
    void diversityTermAgainstPlainJavaAndFiniteDifferences(@TempDir Path dir) {
        try (LoadedModel model = engine.open(HandBuiltModels.smallNet(dir))) {
            Objectives o = new Objectives(model.capability(GraphRunner.class).orElseThrow(), "logits");
            List<Objective> perImage = List.of(o.channel("a", 0), o.channel("a", 1), o.channel("a", 2));
            float lambda = 0.7f;
            CompiledObjective compiled = CompiledObjective.compile(model, perImage, lambda);
            CompiledObjective plain = CompiledObjective.compile(model, perImage);
            int n = perImage.size();
            Random r = new Random(5);
            double[] rgb = new double[n * 3 * 64];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = r.nextDouble();
            }
            CompiledObjective.Evaluation ev = compiled.evaluate(rgb, Progress.NONE);
            double[] alone = plain.evaluate(rgb, Progress.NONE).values();
            Tensor a = model.run(new ModelInput(model.info().preprocessing()).apply(rgb, n), List.of("a"),
                    Progress.NONE).get("a");
            double[][] grams = new double[n][];
            for (int i = 0; i < n; i++) {
                grams[i] = normalizedGram(a.slice(i).data(), 4, 64);
            }
            for (int i = 0; i < n; i++) {
                double pairs = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double dot = 0;
                        for (int k = 0; k < grams[i].length; k++) {
                            dot += grams[i][k] * grams[j][k];
                        }
                        pairs += dot;
                    }
                }
                assertEquals(alone[i] - lambda / n * pairs, ev.values()[i], 1e-4, "row " + i);
            }
            double h = 1e-2;
            for (int k = 0; k < 12; k++) {
                int at = r.nextInt(rgb.length);
                double[] plus = rgb.clone();
                double[] minus = rgb.clone();
                plus[at] += h;
                minus[at] -= h;
                double numeric = (sum(compiled.evaluate(plus, Progress.NONE).values())
                        - sum(compiled.evaluate(minus, Progress.NONE).values())) / (2 * h);
                assertEquals(numeric, ev.rgbGradient()[at], 2e-3 + 2e-2 * Math.abs(numeric), "d total / d rgb[" + at
                        + "]");
            }
        }
    }

    private static double[] normalizedGram(float[] a, int c, int hw) {
        double[] g = new double[c * c];
        double norm = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int q = 0; q < hw; q++) {
                    s += a[i * hw + q] * (double) a[j * hw + q];
                }
                g[i * c + j] = s;
                norm += s * s;
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= Math.sqrt(norm);
        }
        return g;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    @Test
    void unknownLayersAndUnitsAreOneLineErrors(@TempDir Path dir) {
        try (LoadedModel model = engine.open(HandBuiltModels.smallNet(dir))) {
            Objectives o = new Objectives(model.capability(GraphRunner.class).orElseThrow(), "logits");
            assertEquals(4, o.channels("conv1"));
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> o.channel("nope", 0));
            assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
            e = assertThrows(NeuroLensException.class, () -> o.channel("a", 4));
            assertTrue(e.getMessage().contains("unit 4 is out of range") && e.getMessage().contains("0..3"),
                    e.getMessage());
            e = assertThrows(NeuroLensException.class, () -> o.neuron("a", 0, 8, 0));
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
            e = assertThrows(NeuroLensException.class, () -> o.logit(3));
            assertTrue(e.getMessage().contains("0..2"), e.getMessage());
        }
    }
}
