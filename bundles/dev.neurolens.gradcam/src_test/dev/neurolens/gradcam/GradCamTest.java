package dev.neurolens.gradcam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.testing.Engine;
import dev.neurolens.testing.References;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CAM methods on the bundled ResNet-20 and the chelsea photo. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradCamTest {
    private static final String LAST = "/layer3/layer3.2/Relu_1_output_0";
    private Engine engine;
    private LoadedModel model;
    private Tensor chelsea;

    @BeforeAll
    void open() throws Exception {
        engine = Engine.start();
        model = engine.open(Engine.resnet20());
        Tensor t = Npy.read(Engine.chelseaInput());
        chelsea = t.rank() == 3 ? t.reshape(1, 3, 32, 32) : t;
    }

    @AfterAll
    void close() {
        model.close();
        engine.close();
    }

    private AttributionResult explain(Explainer e, Optional<String> layer, Target target, Map<String, String> p) {
        return (AttributionResult) e.explain(model, new ExplanationRequest(chelsea, List.of("chelsea"), target, layer,
                p), Progress.NONE);
    }

    @Test
    void gradCamIsNonNegativeAtTheLastBlockAndUpsampledToTheInput() {
        AttributionResult r = explain(new GradCam(), Optional.empty(), Target.PREDICTED, Map.of());
        assertEquals(Optional.of(LAST), r.layer(), "default layer: the last spatial tensor before pooling");
        AttributionMap m = r.maps().get(0);
        assertEquals("cat", m.targetLabel());
        assertArrayEquals(new int[] {8, 8}, m.map().shape());
        assertArrayEquals(new int[] {32, 32}, m.upsampled().orElseThrow().shape());
        float max = 0;
        for (int i = 0; i < m.map().size(); i++) {
            assertTrue(m.map().get(i) >= 0);
            max = Math.max(max, m.map().get(i));
        }
        assertTrue(max > 0, "the predicted class has evidence somewhere");
        for (int i = 0; i < 32 * 32; i++) {
            assertTrue(m.upsampled().get().get(i) >= 0 && m.upsampled().get().get(i) <= max + 1e-6f);
        }
        System.out.printf("Grad-CAM: %s%n", r.timingsMillis());
    }

    @Test
    void nodeNamesMeanTheirOutputAndGradCamPlusPlusIsNonNegative() {
        AttributionResult r = explain(new GradCam(), Optional.of("/layer3/layer3.2/Relu_1"), Target.of(3), Map.of());
        assertEquals(Optional.of(LAST), r.layer(), "a node name means its output");
        AttributionResult plus = explain(new GradCamPlusPlus(), Optional.empty(), Target.of(3), Map.of());
        assertArrayEquals(new int[] {8, 8}, plus.maps().get(0).map().shape());
        for (int i = 0; i < 64; i++) {
            assertTrue(plus.maps().get(0).map().get(i) >= 0);
        }
    }

    @Test
    void gradCamAtAnEarlierLayerHasItsResolution() {
        AttributionResult r = explain(new GradCam(), Optional.of("/layer2/layer2.2/Relu_1_output_0"), Target.PREDICTED,
                Map.of());
        assertArrayEquals(new int[] {16, 16}, r.maps().get(0).map().shape());
    }

    @Test
    void guidedGradCamIsGuidedBackpropTimesTheUpsampledCam() {
        AttributionResult r = explain(new GuidedGradCam(), Optional.empty(), Target.PREDICTED, Map.of());
        Tensor m = r.maps().get(0).map();
        assertArrayEquals(new int[] {3, 32, 32}, m.shape());
        Tensor cam = explain(new GradCam(), Optional.empty(), Target.PREDICTED, Map.of()).maps().get(0).map();
        Tensor up = Upsampling.NEAREST.resize(cam, 32, 32);
        for (int i = 0; i < m.size(); i++) {
            if (up.get(i % 1024) == 0) {
                assertEquals(0f, m.get(i), "no class evidence, no attribution");
            }
        }
        assertEquals("19 Relu", r.notes().get("overridden"));
    }

    @Test
    void unknownOrFlatLayersAreClearErrors() {
        NeuroLensException unknown = assertThrows(NeuroLensException.class,
                () -> explain(new GradCam(), Optional.of("layer9"), Target.PREDICTED, Map.of()));
        assertTrue(unknown.getMessage().startsWith("layer 'layer9' is not in the model"), unknown.getMessage());
        NeuroLensException flat = assertThrows(NeuroLensException.class,
                () -> explain(new GradCam(), Optional.of("/Flatten"), Target.PREDICTED, Map.of()));
        assertTrue(flat.getMessage().contains("4-D"), flat.getMessage());
        NeuroLensException target = assertThrows(NeuroLensException.class,
                () -> explain(new GradCamPlusPlus(), Optional.empty(), Target.of(10), Map.of()));
        assertTrue(target.getMessage().contains("out of range"), target.getMessage());
    }

    @Test
    void camsAgreeWithTheCaptumAndPytorchGradCamStyleReference() {
        AttributionMap cam = explain(new GradCam(), Optional.empty(), Target.PREDICTED, Map.of()).maps().get(0);
        References.assertAgrees("gradcam", cam.map(), 1e-5);
        References.assertAgrees("gradcam.upsampled", cam.upsampled().orElseThrow(), 1e-5);
        References.assertAgrees("gradcam-plus-plus", explain(new GradCamPlusPlus(), Optional.empty(), Target.PREDICTED,
                Map.of()).maps().get(0).map(), 1e-5);
        References.assertAgrees("guided-gradcam", explain(new GuidedGradCam(), Optional.empty(), Target.PREDICTED,
                Map.of()).maps().get(0).map(), 1e-5);
    }
}
