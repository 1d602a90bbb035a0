package dev.neurolens.featurevis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units whose preferred stimulus is known by construction. */
class KnownAnswerTest {
    private static final int S = HandBuiltModels.SIZE;
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
    void colourDetectorsGetImagesOfTheirColour(@TempDir Path dir) {
        try (LoadedModel model = engine.open(HandBuiltModels.colourDetectors(dir))) {
            Objectives o = objectives(model);
            List<Objective> units = List.of(o.channel("u", 0), o.channel("u", 1), o.channel("u", 2));
            Visualization v = new FeatureVisualizer(model).run(units, VisualizationSettings.defaults().withSteps(512),
                    null, Progress.NONE);
            for (int c = 0; c < 3; c++) {
                double[] mean = channelMeans(v.image(c));
                System.out.printf(Locale.ROOT, "colour unit %d: mean RGB %s, objective %.3f -> %.3f%n", c,
                        Arrays.toString(mean), v.initialValues()[c], v.finalValues()[c]);
                for (int other = 0; other < 3; other++) {
                    if (other != c) {
                        assertTrue(mean[c] > mean[other] + 0.3, "unit " + c + " image is dominated by its colour: "
                                + Arrays.toString(mean));
                    }
                }
                assertTrue(v.finalValues()[c] > 0.8, "objective over half its maximum of 1.6: " + v.finalValues()[c]);
            }
        }
    }

    @Test
    void gaborUnitsGetGratingsOfTheirOrientation(@TempDir Path dir) {
        double[] angles = {0, Math.PI / 2, Math.PI / 4};
        try (LoadedModel model = engine.open(HandBuiltModels.gabors(dir, angles))) {
            Objectives o = objectives(model);
            List<Objective> units = List.of(o.channel("u", 0), o.channel("u", 1), o.channel("u", 2));
            Visualization v = new FeatureVisualizer(model).run(units, VisualizationSettings.defaults().withSteps(128),
                    null, Progress.NONE);
            for (int k = 0; k < angles.length; k++) {
                double found = Spectra.dominantOrientation(Spectra.gray(v.image(k), S, S), S, S);
                double error = Spectra.angleBetween(found, angles[k]);
                System.out.printf(Locale.ROOT, "gabor unit %d: filter %.1f deg, image's dominant frequency %.1f deg,"
                        + " objective %.3f -> %.3f%n", k, Math.toDegrees(angles[k]), Math.toDegrees(found),
                        v.initialValues()[k], v.finalValues()[k]);
                assertTrue(error < Math.toRadians(12), "orientation off by " + Math.toDegrees(error) + " degrees");
            }
        }
    }

    @Test
    void aFixedSeedGivesTheSameImage(@TempDir Path dir) {
        try (LoadedModel model = engine.open(HandBuiltModels.gabors(dir, 0.3))) {
            Objectives o = objectives(model);
            VisualizationSettings s = VisualizationSettings.defaults().withSteps(20).withSeed(42);
            FeatureVisualizer fv = new FeatureVisualizer(model);
            Visualization a = fv.run(List.of(o.channel("u", 0)), s, null, Progress.NONE);
            Visualization b = fv.run(List.of(o.channel("u", 0)), s, null, Progress.NONE);
            Visualization c = fv.run(List.of(o.channel("u", 0)), s.withSeed(43), null, Progress.NONE);
            assertArrayEquals(a.rgb(), b.rgb(), 0.0);
            assertArrayEquals(a.finalValues(), b.finalValues(), 0.0);
            assertFalse(Arrays.equals(a.rgb(), c.rgb()), "another seed gives another image");
        }
    }

    @Test
    void pixelParameterizationAndNoTransformsWorkToo(@TempDir Path dir) {
        try (LoadedModel model = engine.open(HandBuiltModels.colourDetectors(dir))) {
            Objectives o = objectives(model);
            VisualizationSettings s = VisualizationSettings.defaults().withSteps(60).withParameterization(false, false)
                    .withTransforms(dev.neurolens.featurevis.param.Transforms.none());
            Visualization v = new FeatureVisualizer(model).run(List.of(o.channel("u", 2).negate()), s, null,
                    Progress.NONE);
            // avoiding blue: relu(2b - r - g - b) = 0 is reached by any non-blue-dominated image
            assertEquals(0, v.finalValues()[0], 1e-3);
            double[] mean = channelMeans(v.image(0));
            assertTrue(mean[2] < mean[0] + 0.05 || mean[2] < mean[1] + 0.05, Arrays.toString(mean));
        }
    }

    static Objectives objectives(LoadedModel model) {
        return new Objectives(model.capability(GraphRunner.class).orElseThrow(), "u");
    }

    static double[] channelMeans(double[] chw) {
        int plane = chw.length / 3;
        double[] m = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                m[c] += chw[c * plane + i] / plane;
            }
        }
        return m;
    }
}
