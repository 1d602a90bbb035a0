package dev.neurolens.featurevis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.RenderedScene;
import dev.neurolens.data.synth.SceneGenerator;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.testing.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof on a bundled model: the objective rises on average and ends far above its value
 * on random images and on the top exemplar of a dataset (generated scenes like the model's
 * training data). The numbers are printed for docs/featurevis.md.
 */
class RealModelTest {
    private static final int SCENES = 200;
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
    void channelsOfTheShapeModelsLastConvolution() {
        check("shapes_vgg.onnx", "/features/features.15/Conv", 8, 2);
    }

    @Test
    void channelsOfAMiddleLayer() {
        check("shapes_vgg.onnx", "/features/features.7/Conv", 8, 0);
    }

    /**
     * @param margin how many times the top exemplar's distance from the random images the final
     *     image must be above them ({@code final − random > margin·(top − random)}), besides being
     *     above both
     */
    private static void check(String file, String layer, int channels, double margin) {
        try (LoadedModel model = engine.open(Engine.model(file))) {
            Objectives o = new Objectives(model.capability(GraphRunner.class).orElseThrow(), "logits");
            List<Objective> units = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                units.add(o.channel(layer, c));
            }
            Visualization v = new FeatureVisualizer(model).run(units, VisualizationSettings.defaults(),
                    null, Progress.NONE);
            double[] top = topExemplars(model, units);
            double[] quarters = quarterMeans(v.meanPerStep());
            System.out.printf(Locale.ROOT, "%s %s: mean objective per quarter of the steps %s; %.1f ms/step"
                    + " (engine %.1f) for %d images%n", file, layer, Arrays.toString(round(quarters)),
                    v.millisPerStep(), v.engineMillisPerStep(), channels);
            for (int i = 1; i < quarters.length; i++) {
                assertTrue(quarters[i] > quarters[i - 1], "rises on average: " + Arrays.toString(quarters));
            }
            for (int c = 0; c < channels; c++) {
                System.out.printf(Locale.ROOT, "  channel %d: start %.3f, final %.3f, random images %.3f, top of %d"
                        + " scenes %.3f%n", c, v.initialValues()[c], v.finalValues()[c], v.randomValues()[c],
                        SCENES, top[c]);
                assertTrue(v.finalValues()[c] > v.randomValues()[c], "above random images, channel " + c);
                assertTrue(v.finalValues()[c] > top[c], "above the top exemplar, channel " + c);
                assertTrue(v.finalValues()[c] - v.randomValues()[c] > margin * (top[c] - v.randomValues()[c]),
                        "far above the top exemplar, channel " + c);
            }
        }
    }

    /** The best value of every objective over generated scenes like the training set (seed 3). */
    private static double[] topExemplars(LoadedModel model, List<Objective> units) {
        var pre = model.info().preprocessing();
        GeneratorConfig config = GeneratorConfig.builder().seed(3).count(SCENES).size(pre.width(), pre.height())
                .objects(1, 1).objectSize(0.18, 0.32).texturedProbability(0, 0.5).threads(1).build();
        SceneGenerator generator = new SceneGenerator(config);
        CompiledObjective compiled = CompiledObjective.compile(model, units);
        int n = units.size();
        int plane = pre.width() * pre.height();
        double[] best = new double[n];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < SCENES; i++) {
            RenderedScene scene = generator.render(i);
            double[] batch = new double[n * 3 * plane];
            for (int k = 0; k < n; k++) {
                for (int q = 0; q < plane; q++) {
                    int p = scene.rgb()[q];
                    batch[(k * 3) * plane + q] = ((p >> 16) & 0xff) / 255.0;
                    batch[(k * 3 + 1) * plane + q] = ((p >> 8) & 0xff) / 255.0;
                    batch[(k * 3 + 2) * plane + q] = (p & 0xff) / 255.0;
                }
            }
            double[] v = compiled.evaluate(batch, Progress.NONE).values();
            for (int k = 0; k < n; k++) {
                best[k] = Math.max(best[k], v[k]);
            }
        }
        return best;
    }

    private static double[] quarterMeans(double[] perStep) {
        double[] q = new double[4];
        int len = perStep.length / 4;
        for (int i = 0; i < 4; i++) {
            for (int s = i * len; s < (i + 1) * len; s++) {
                q[i] += perStep[s] / len;
            }
        }
        return q;
    }

    private static double[] round(double[] x) {
        return Arrays.stream(x).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }
}
