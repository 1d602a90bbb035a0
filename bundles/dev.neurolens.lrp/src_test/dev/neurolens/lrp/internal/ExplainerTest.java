package dev.neurolens.lrp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.testing.Engine;
import dev.neurolens.testing.References;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestInstance;

/** The {@code lrp} explainer end to end on the bundled ResNet-20, and the BatchNorm canonizer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainerTest {
    private final LrpExplainer lrp = new LrpExplainer();
    private Engine engine;
    private LoadedModel resnet;
    private Tensor chelsea;

    @BeforeAll
    void open() throws Exception {
        engine = Engine.start();
        resnet = engine.open(Engine.resnet20());
        Tensor t = Npy.read(Engine.chelseaInput());
        chelsea = t.reshape(1, 3, 32, 32);
    }

    @AfterAll
    void close() {
        resnet.close();
        engine.close();
    }

    private AttributionResult explain(LoadedModel m, Tensor x, Target target, Map<String, String> p) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < x.dim(0); i++) {
            names.add("image" + i);
        }
        return (AttributionResult) lrp.explain(m, new ExplanationRequest(x, names, target, Optional.empty(), p),
                Progress.NONE);
    }

    @Test
    void explainsThePredictedCatWithAnInputShapedMapAndReportsTheRules() {
        AttributionResult r = explain(resnet, chelsea, Target.PREDICTED, Map.of());
        AttributionMap m = r.maps().get(0);
        assertEquals("cat", m.targetLabel());
        assertArrayEquals(new int[] {3, 32, 32}, m.map().shape());
        assertTrue(r.notes().get("layerRules").startsWith("/conv1/Conv:flat, /layer1/layer1.0/conv1/Conv:zplus"),
                r.notes().get("layerRules"));
        assertTrue(r.notes().get("layerRules").endsWith("/linear/Gemm:epsilon"));
        assertEquals("/conv1/Conv", r.notes().get("firstLayers"));
        assertEquals("epsilon-plus-flat", r.parameters().get("composite"));
        double sum = 0;
        for (int i = 0; i < m.map().size(); i++) {
            sum += m.map().get(i);
        }
        assertEquals(sum - 1, m.completenessDelta().getAsDouble(), 1e-9, "delta = sum of relevance - 1");
        assertTrue(Math.abs(m.completenessDelta().getAsDouble()) < 1, "the biases keep part, not all of it");
        System.out.printf("LRP (epsilon-plus-flat) on chelsea: sum %.4f, %s%n", sum, r.timingsMillis());
    }

    @Test
    void aFixedTargetEqualsThePredictedOneAndLogitOutputScalesByTheLogit() {
        AttributionMap predicted = explain(resnet, chelsea, Target.PREDICTED, Map.of()).maps().get(0);
        AttributionMap fixed = explain(resnet, chelsea, Target.of(3), Map.of()).maps().get(0);
        AttributionMap logit = explain(resnet, chelsea, Target.of(3), Map.of("output", "logit")).maps().get(0);
        for (int i = 0; i < predicted.map().size(); i++) {
            assertEquals(predicted.map().get(i), fixed.map().get(i), 1e-6f);
            assertEquals(fixed.map().get(i) * fixed.score(), logit.map().get(i), 1e-5f * Math.abs(fixed.score()) + 1e-7f);
        }
        double sum = 0;
        for (int i = 0; i < logit.map().size(); i++) {
            sum += logit.map().get(i);
        }
        assertEquals(sum - logit.score(), logit.completenessDelta().getAsDouble(), 1e-4);
    }

    @Test
    void chunksGiveTheSameAnswerAsOneBatch() {
        RandomWeights r = new RandomWeights(4);
        float[] v = new float[3 * 3 * 32 * 32];
        System.arraycopy(chelsea.data(), 0, v, 0, 3072);
        System.arraycopy(r.normal(2 * 3072, 1), 0, v, 3072, 2 * 3072);
        Tensor batch = Tensor.wrap(v, 3, 3, 32, 32);
        AttributionResult whole = explain(resnet, batch, Target.PREDICTED, Map.of("composite", "epsilon-gamma-box"));
        AttributionResult chunked = explain(resnet, batch, Target.PREDICTED,
                Map.of("composite", "epsilon-gamma-box", "batch", "2"));
        for (int k = 0; k < 3; k++) {
            assertEquals(whole.maps().get(k).targetClass(), chunked.maps().get(k).targetClass());
            for (int i = 0; i < 3072; i++) {
                assertEquals(whole.maps().get(k).map().get(i), chunked.maps().get(k).map().get(i), 1e-6f);
            }
        }
    }

    /**
     * The canonizer's BatchNormalization merge against a model merged by hand: {@code Conv → BN →
     * Relu → GAP → Gemm} and {@code Conv(a·W, a·b + c) → Relu → GAP → Gemm} give the same relevance.
     */
    @Test
    void aMergedBatchNormGivesTheRelevanceOfTheHandMergedModel(@TempDir Path dir) throws Exception {
        RandomWeights r = new RandomWeights(12);
        float[] w = r.normal(4 * 3 * 9, 0.4);
        float[] b = r.normal(4, 0.2);
        float[] scale = r.uniform(4, 0.5, 1.5);
        float[] shift = r.normal(4, 0.2);
        float[] mean = r.normal(4, 0.2);
        float[] var = r.uniform(4, 0.5, 1.5);
        float[] fc = r.normal(10 * 4, 0.5);
        float[] wm = new float[w.length];
        float[] bm = new float[4];
        for (int o = 0; o < 4; o++) {
            double a = scale[o] / Math.sqrt(var[o] + 1e-5);
            for (int i = 0; i < 27; i++) {
                wm[o * 27 + i] = (float) (a * w[o * 27 + i]);
            }
            bm[o] = (float) (a * (b[o] - mean[o]) + shift[o]);
        }
        Path withNorm = new ModelBuilder("bn").input("x", -1, 3, 6, 6).initializer("w", w, 4, 3, 3, 3)
                .initializer("b", b, 4).initializer("s", scale, 4).initializer("t", shift, 4).initializer("m", mean, 4)
                .initializer("v", var, 4).initializer("fc", fc, 10, 4)
                .node("Conv").name("conv").inputs("x", "w", "b").outputs("z").ints("pads", 1, 1, 1, 1).model()
                .node("BatchNormalization").name("bn").inputs("z", "s", "t", "m", "v").outputs("y").model()
                .node("Relu").name("relu").inputs("y").outputs("a").model()
                .node("GlobalAveragePool").name("gap").inputs("a").outputs("g").model()
                .node("Flatten").name("flat").inputs("g").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fc").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("bn.onnx"));
        Path merged = new ModelBuilder("merged").input("x", -1, 3, 6, 6).initializer("w", wm, 4, 3, 3, 3)
                .initializer("b", bm, 4).initializer("fc", fc, 10, 4)
                .node("Conv").name("conv").inputs("x", "w", "b").outputs("y").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("relu").inputs("y").outputs("a").model()
                .node("GlobalAveragePool").name("gap").inputs("a").outputs("g").model()
                .node("Flatten").name("flat").inputs("g").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fc").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("merged.onnx"));
        Tensor x = Tensor.wrap(r.normal(2 * 3 * 36, 1), 2, 3, 6, 6);
        try (LoadedModel a = engine.open(withNorm); LoadedModel m = engine.open(merged)) {
            for (String rule : List.of("epsilon", "zplus", "gamma", "alpha2-beta1", "wsquare", "zbox")) {
                Map<String, String> p = Map.of("rules", "conv:" + rule, "low", "-3", "high", "3");
                AttributionResult ra = explain(a, x, Target.of(2), p);
                AttributionResult rm = explain(m, x, Target.of(2), p);
                for (int k = 0; k < 2; k++) {
                    Tensor ta = ra.maps().get(k).map();
                    Tensor tm = rm.maps().get(k).map();
                    double scaleMax = 0;
                    for (int i = 0; i < tm.size(); i++) {
                        scaleMax = Math.max(scaleMax, Math.abs(tm.get(i)));
                    }
                    assertTrue(scaleMax > 1e-4, rule + ": a non-trivial map");
                    for (int i = 0; i < tm.size(); i++) {
                        assertEquals(tm.get(i), ta.get(i), 1e-4 * scaleMax, rule + ", image " + k + ", element " + i);
                    }
                }
            }
        }
    }

    @Test
    void everyCompositeAgreesWithTheZennitStyleReference() {
        for (String composite : List.of("epsilon-plus", "epsilon-plus-flat", "epsilon-gamma-box", "epsilon-alpha2-beta1",
                "epsilon-alpha2-beta1-flat")) {
            AttributionMap m = explain(resnet, chelsea, Target.PREDICTED, Map.of("composite", composite)).maps().get(0);
            // αβ subtracts two large terms and γ-box three: their float32 cancellation costs a digit
            References.assertAgrees("lrp." + composite, m.map(), composite.contains("alpha") || composite.contains("box")
                    ? 1e-4 : 1e-5);
        }
    }
}
