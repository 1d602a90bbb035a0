package dev.neurolens.example.explainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RandomBaselineExplainerTest {
    private final RandomBaselineExplainer explainer = new RandomBaselineExplainer();

    /** Two images [2,3,32,32] on a fake 3-class model whose logits are fixed per image. */
    private static final float[][] LOGITS = {{0.1f, 2.5f, -1f}, {3f, 0f, 1f}};

    @Test
    void mapsHaveTheInputsShapeTargetLabelAndScore() {
        AttributionResult r = (AttributionResult) explainer.explain(new FixedModel(), request(Target.PREDICTED,
                Map.of()), Progress.NONE);
        assertEquals("random-baseline", r.method());
        assertEquals(Map.of("seed", "0"), r.parameters());
        assertEquals(2, r.maps().size());
        AttributionMap a = r.maps().get(0);
        assertEquals("a", a.imageName());
        assertArrayEquals(new int[] {3, 32, 32}, a.map().shape());
        assertEquals(1, a.targetClass(), "the predicted class");
        assertEquals("dog", a.targetLabel());
        assertEquals(2.5f, a.score());
        assertEquals(0, r.maps().get(1).targetClass());
        for (float v : a.map().data()) {
            assertTrue(v >= 0 && v < 1, "uniform in [0,1): " + v);
        }
    }

    @Test
    void seededPerImageAndReproducible() {
        ExplanationRequest req = request(Target.of(2), Map.of("seed", "7"));
        AttributionResult first = (AttributionResult) explainer.explain(new FixedModel(), req, Progress.NONE);
        AttributionResult again = (AttributionResult) explainer.explain(new FixedModel(), req, Progress.NONE);
        assertEquals(first.maps().get(0).map(), again.maps().get(0).map());
        assertFalse(first.maps().get(0).map().equals(first.maps().get(1).map()), "each image its own noise");
        assertEquals(RandomBaselineExplainer.noise(new int[] {3, 32, 32}, 8), first.maps().get(1).map(),
                "image 1 uses seed + 1");
        assertEquals(-1f, first.maps().get(0).score(), "the logit of the asked-for class 2");
    }

    @Test
    void badSeedAndTargetAreOneLineErrors() {
        NeuroLensException seed = assertThrows(NeuroLensException.class, () -> explainer.explain(new FixedModel(),
                request(Target.PREDICTED, Map.of("seed", "x")), Progress.NONE));
        assertTrue(seed.getMessage().startsWith("random-baseline: "), seed.getMessage());
        NeuroLensException target = assertThrows(NeuroLensException.class, () -> explainer.explain(new FixedModel(),
                request(Target.of(5), Map.of()), Progress.NONE));
        assertEquals("random-baseline: target class 5 is out of range (the model has 3 classes)", target.getMessage());
    }

    private static ExplanationRequest request(Target target, Map<String, String> parameters) {
        return new ExplanationRequest(Tensor.zeros(2, 3, 32, 32), List.of("a", "b"), target, Optional.empty(),
                parameters);
    }

    /** A model that answers {@link #LOGITS} whatever the input. */
    private static final class FixedModel implements LoadedModel {
        @Override
        public ModelInfo info() {
            return new ModelInfo(Path.of("fixed.onnx"), "onnx", "test", "", 17,
                    List.of(TensorInfo.of("x", "float", List.of(-1L, 3L, 32L, 32L))),
                    List.of(TensorInfo.of("logits", "float", List.of(-1L, 3L))), List.of(), 0,
                    Preprocessing.plain(32, 32).withLabels(List.of("cat", "dog", "bird")));
        }

        @Override
        public Map<String, Tensor> run(Tensor batch, List<String> tensorNames, Progress progress) {
            float[] values = new float[6];
            System.arraycopy(LOGITS[0], 0, values, 0, 3);
            System.arraycopy(LOGITS[1], 0, values, 3, 3);
            return Map.of("logits", Tensor.wrap(values, 2, 3));
        }

        @Override
        public void close() {
        }
    }
}
