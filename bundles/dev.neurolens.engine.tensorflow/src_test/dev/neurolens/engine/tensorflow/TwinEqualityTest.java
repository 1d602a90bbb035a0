package dev.neurolens.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.testing.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof that SavedModels get every method right: each method explains the SavedModel (NHWC,
 * imported by NeuroLens) and its twin — the same network and weights built in PyTorch and exported
 * by {@code torch.onnx}, which NeuroLens' importer never saw — on the same images, and the maps
 * agree to 1e-4 of their largest magnitude (input-space maps compared after moving channels).
 */
class TwinEqualityTest {
    private static final double TOLERANCE = 1e-4;
    /** Every method of the compiler issue and LRP, with parameters that keep the test quick. */
    private static final Map<String, Map<String, String>> METHODS = Map.ofEntries(
            Map.entry("saliency", Map.of()),
            Map.entry("gradient-x-input", Map.of()),
            Map.entry("integrated-gradients", Map.of("steps", "16")),
            Map.entry("gradcam", Map.of()),
            Map.entry("gradcam-plus-plus", Map.of()),
            Map.entry("guided-backprop", Map.of()),
            Map.entry("guided-gradcam", Map.of()),
            Map.entry("deconvnet", Map.of()),
            Map.entry("occlusion", Map.of("window", "8", "stride", "8")),
            Map.entry("lrp", Map.of()),
            // noise is drawn in the input's memory order, which differs between NHWC and NCHW: without
            // noise SmoothGrad's averaging and batching are still exercised
            Map.entry("smoothgrad", Map.of("samples", "4", "noise", "0")));
    private static Engine engine;
    private static ModelAdapter tensorflow;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start(Set.of("dev.neurolens.engine.tensorflow", "dev.neurolens.attribution",
                "dev.neurolens.gradcam", "dev.neurolens.lrp"));
        tensorflow = engine.adapter(TensorFlowModelAdapter.ID);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void residualNetwork() throws Exception {
        compare(Fixtures.RESIDUAL);
    }

    /** LRP refuses this network in both formats: its BatchNormalization follows a Concat, not a layer. */
    @Test
    void flattenNetwork() throws Exception {
        compare(Fixtures.FLATTEN, "lrp");
    }

    @Test
    void lrpRefusesTheSameNodeInBothFormats() throws Exception {
        Tensor nhwc = slice(Fixtures.input(Fixtures.FLATTEN), 2);
        Explainer lrp = engine.methods("lrp").get(0);
        try (LoadedModel saved = tensorflow.open(Fixtures.savedModel(Fixtures.FLATTEN), ModelOptions.defaults());
                LoadedModel twin = engine.adapter("onnxruntime").open(Fixtures.twin(Fixtures.FLATTEN),
                        ModelOptions.defaults())) {
            String mine = assertThrows(NeuroLensException.class, () -> explain(lrp, saved, nhwc, Map.of())).getMessage();
            String ref = assertThrows(NeuroLensException.class,
                    () -> explain(lrp, twin, Fixtures.toNchw(nhwc), Map.of())).getMessage();
            assertTrue(mine.contains("BatchNormalization") && ref.contains("BatchNormalization"), mine + " / " + ref);
        }
    }

    private static void compare(String name, String... skipped) throws Exception {
        Tensor nhwc = slice(Fixtures.input(name), 2);
        Tensor nchw = Fixtures.toNchw(nhwc);
        List<String> failures = new ArrayList<>();
        try (LoadedModel saved = tensorflow.open(Fixtures.savedModel(name), ModelOptions.defaults().withThreads(2));
                LoadedModel twin = engine.adapter("onnxruntime").open(Fixtures.twin(name),
                        ModelOptions.defaults().withThreads(2))) {
            assertTrue(Fixtures.relativeError(saved.predict(nhwc), twin.predict(nchw)) < 1e-5, "logits");
            for (Map.Entry<String, Map<String, String>> m : METHODS.entrySet()) {
                if (List.of(skipped).contains(m.getKey())) {
                    continue;
                }
                Explainer method = engine.methods(m.getKey()).get(0);
                AttributionResult a = explain(method, saved, nhwc, m.getValue());
                AttributionResult b = explain(method, twin, nchw, m.getValue());
                for (int i = 0; i < 2; i++) {
                    Tensor mine = a.maps().get(i).map();
                    Tensor ref = b.maps().get(i).map();
                    assertEquals(b.maps().get(i).targetClass(), a.maps().get(i).targetClass());
                    if (mine.rank() == 3) {
                        assertArrayEquals(new int[] {32, 32, 3}, mine.shape(), m.getKey() + " keeps NHWC");
                        mine = Fixtures.hwcToChw(mine);
                    }
                    assertArrayEquals(ref.shape(), mine.shape(), m.getKey());
                    double err = Fixtures.relativeError(mine, ref);
                    if (!(err <= TOLERANCE)) {
                        failures.add(m.getKey() + " image " + i + ": " + err);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), name + ": " + failures);
    }

    private static AttributionResult explain(Explainer e, LoadedModel model, Tensor batch, Map<String, String> p) {
        return (AttributionResult) e.explain(model, new ExplanationRequest(batch, List.of("a", "b"), Target.PREDICTED,
                Optional.empty(), p), Progress.NONE);
    }

    private static Tensor slice(Tensor t, int n) {
        int per = t.size() / t.dim(0);
        float[] v = new float[n * per];
        System.arraycopy(t.data(), 0, v, 0, v.length);
        int[] shape = t.shape().clone();
        shape[0] = n;
        return Tensor.wrap(v, shape);
    }
}
