package dev.neurolens.attribution;

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
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attribution method on {@code logits = W relu(x) + b} (and a linear model), where the
 * answers are known in closed form, on the real engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TinyModelTest {
    private static final int CLASS = 1;
    @TempDir
    static Path dir;
    private Engine engine;
    private LoadedModel reluLinear;
    private LoadedModel linear;
    private final float[] w = TinyModels.weights();

    @BeforeAll
    void open() throws Exception {
        engine = Engine.start();
        reluLinear = engine.open(TinyModels.reluLinear(dir));
        linear = engine.open(TinyModels.linear(dir));
    }

    @AfterAll
    void close() {
        reluLinear.close();
        linear.close();
        engine.close();
    }

    /** Two images with values of both signs. */
    private static Tensor batch() {
        float[] v = new float[2 * TinyModels.FEATURES];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.cos(2.3 * i + 0.5) * 2;
        }
        return Tensor.wrap(v, 2, TinyModels.C, TinyModels.H, TinyModels.W);
    }

    private static ExplanationRequest request(Tensor batch, Map<String, String> params) {
        return new ExplanationRequest(batch, List.of("a", "b"), Target.of(CLASS), Optional.empty(), params);
    }

    private static AttributionResult explain(Explainer e, LoadedModel m, Map<String, String> params) {
        return (AttributionResult) e.explain(m, request(batch(), params), Progress.NONE);
    }

    private float weight(int feature) {
        return w[CLASS * TinyModels.FEATURES + feature];
    }

    @Test
    void saliencyIsTheWeightWhereTheReluIsActive() {
        AttributionResult r = explain(new Saliency(), reluLinear, Map.of());
        Tensor x = batch();
        for (int i = 0; i < 2; i++) {
            AttributionMap m = r.maps().get(i);
            assertArrayEquals(new int[] {3, 2, 2}, m.map().shape());
            assertEquals(CLASS, m.targetClass());
            for (int f = 0; f < TinyModels.FEATURES; f++) {
                float expected = x.get(i * TinyModels.FEATURES + f) > 0 ? weight(f) : 0f;
                assertEquals(expected, m.map().get(f), 1e-6f, "image " + i + " feature " + f);
            }
        }
    }

    @Test
    void guidedBackpropKeepsPositiveWeightsOfActiveUnitsAndDeconvNetIgnoresActivity() {
        AttributionResult guided = explain(new GuidedBackprop(), reluLinear, Map.of());
        AttributionResult deconv = explain(new DeconvNet(), reluLinear, Map.of());
        Tensor x = batch();
        for (int i = 0; i < 2; i++) {
            for (int f = 0; f < TinyModels.FEATURES; f++) {
                float active = x.get(i * TinyModels.FEATURES + f) > 0 ? 1 : 0;
                assertEquals(active * Math.max(0, weight(f)), guided.maps().get(i).map().get(f), 1e-6f);
                assertEquals(Math.max(0, weight(f)), deconv.maps().get(i).map().get(f), 1e-6f);
            }
        }
        assertEquals("1 Relu", guided.notes().get("overridden"));
        assertEquals("1 Relu", deconv.notes().get("overridden"));
    }

    @Test
    void reluSixAndLeakyReluAreOverriddenButAClipWithAnotherMinimumIsNot() throws Exception {
        Tensor x = batch();
        try (LoadedModel relu6 = engine.open(TinyModels.activationLinear(dir, "relu6", false, 0f));
                LoadedModel clip = engine.open(TinyModels.activationLinear(dir, "clip", false, -1f));
                LoadedModel leaky = engine.open(TinyModels.activationLinear(dir, "leaky", true, 0f))) {
            AttributionResult g6 = explain(new GuidedBackprop(), relu6, Map.of());
            AttributionResult gc = explain(new GuidedBackprop(), clip, Map.of());
            AttributionResult gl = explain(new GuidedBackprop(), leaky, Map.of());
            AttributionResult dl = explain(new DeconvNet(), leaky, Map.of());
            assertEquals("1 Clip", g6.notes().get("overridden"));
            assertEquals("none", gc.notes().get("overridden"));
            assertEquals("1 LeakyRelu", gl.notes().get("overridden"));
            for (int i = 0; i < 2; i++) {
                for (int f = 0; f < TinyModels.FEATURES; f++) {
                    float v = x.get(i * TinyModels.FEATURES + f);
                    float wf = weight(f);
                    assertEquals(v > 0 && v < 6 ? Math.max(0, wf) : 0f, g6.maps().get(i).map().get(f), 1e-6f);
                    assertEquals(v > -1 && v < 6 ? wf : 0f, gc.maps().get(i).map().get(f), 1e-6f, "standard rule");
                    assertEquals((v > 0 ? 1f : 0.1f) * Math.max(0, wf), gl.maps().get(i).map().get(f), 1e-6f);
                    assertEquals(Math.max(0, wf), dl.maps().get(i).map().get(f), 1e-6f);
                }
            }
        }
    }

    @Test
    void gradientTimesInputIsInputTimesSaliency() {
        AttributionResult gxi = explain(new GradientTimesInput(), reluLinear, Map.of());
        AttributionResult sal = explain(new Saliency(), reluLinear, Map.of());
        Tensor x = batch();
        for (int i = 0; i < 2; i++) {
            for (int f = 0; f < TinyModels.FEATURES; f++) {
                assertEquals(x.get(i * TinyModels.FEATURES + f) * sal.maps().get(i).map().get(f),
                        gxi.maps().get(i).map().get(f), 1e-6f);
            }
        }
    }

    @Test
    void integratedGradientsFromZeroIsWeightTimesReluAndComplete() {
        // along the path α·x the gradient is W·[x > 0] for every α > 0, so IG = W ⊙ relu(x) exactly
        // for rules without α = 0; Riemann-left's α = 0 sees a zero gradient (relu'(0) = 0) and loses 1/n
        Tensor x = batch();
        for (String rule : List.of("gauss-legendre", "riemann-middle", "riemann-right")) {
            AttributionResult r = explain(new IntegratedGradients(), reluLinear, Map.of("steps", "7", "rule", rule));
            for (int i = 0; i < 2; i++) {
                AttributionMap m = r.maps().get(i);
                for (int f = 0; f < TinyModels.FEATURES; f++) {
                    assertEquals(weight(f) * Math.max(0, x.get(i * TinyModels.FEATURES + f)), m.map().get(f), 1e-5f,
                            rule + " image " + i + " feature " + f);
                }
                assertEquals(0.0, m.completenessDelta().orElseThrow(), 1e-5, rule);
            }
        }
        AttributionResult left = explain(new IntegratedGradients(), reluLinear, Map.of("steps", "4",
                "rule", "riemann-left"));
        AttributionResult mid = explain(new IntegratedGradients(), reluLinear, Map.of("steps", "4",
                "rule", "riemann-middle"));
        for (int f = 0; f < TinyModels.FEATURES; f++) {
            assertEquals(0.75f * mid.maps().get(0).map().get(f), left.maps().get(0).map().get(f), 1e-5f);
        }
    }

    @Test
    void integratedGradientsChunksGiveTheSameAnswer() {
        AttributionResult whole = explain(new IntegratedGradients(), reluLinear, Map.of("steps", "10"));
        AttributionResult chunked = explain(new IntegratedGradients(), reluLinear, Map.of("steps", "10",
                "batch", "3"));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(whole.maps().get(i).map().data(), chunked.maps().get(i).map().data(), 1e-6f);
            // batch 3 < 2 images + 2 baselines: f(x) and f(x′) come from two engine calls, not one
            assertEquals(whole.maps().get(i).completenessDelta().orElseThrow(),
                    chunked.maps().get(i).completenessDelta().orElseThrow(), 1e-6, "image " + i);
        }
    }

    @Test
    void occlusionOfOnePixelIsTheDropOfItsTerm() {
        // window 1 occludes one pixel in all channels: f(x) − f(x_p←0) = Σ_c W[c,p] relu(x[c,p])
        AttributionResult r = explain(new Occlusion(), reluLinear, Map.of("window", "1", "stride", "1"));
        Tensor x = batch();
        int hw = TinyModels.H * TinyModels.W;
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < hw; p++) {
                double drop = 0;
                for (int c = 0; c < TinyModels.C; c++) {
                    drop += weight(c * hw + p) * Math.max(0, x.get(i * TinyModels.FEATURES + c * hw + p));
                }
                for (int c = 0; c < TinyModels.C; c++) {
                    assertEquals(drop, r.maps().get(i).map().get(c * hw + p), 1e-5, "pixel " + p);
                }
            }
        }
    }

    @Test
    void occlusionWithTheWholeImageIsTheLogitDropToTheFill() {
        float fill = 0.7f;
        AttributionResult r = explain(new Occlusion(), linear, Map.of("window", "2", "stride", "1",
                "fill", Float.toString(fill)));
        Tensor x = batch();
        for (int i = 0; i < 2; i++) {
            double drop = 0;
            for (int f = 0; f < TinyModels.FEATURES; f++) {
                drop += weight(f) * (x.get(i * TinyModels.FEATURES + f) - fill);
            }
            for (int f = 0; f < TinyModels.FEATURES; f++) {
                assertEquals(drop, r.maps().get(i).map().get(f), 1e-5);
            }
        }
    }

    @Test
    void smoothGradOfALinearModelIsItsWeightAndVarGradIsZero() {
        AttributionResult sg = explain(new SmoothGrad(), linear, Map.of("samples", "5", "noise", "0.5"));
        AttributionResult vg = explain(new SmoothGrad(), linear, Map.of("samples", "5", "type", "vargrad"));
        AttributionResult sq = explain(new SmoothGrad(), linear, Map.of("samples", "5", "type", "smoothgrad-sq"));
        for (int f = 0; f < TinyModels.FEATURES; f++) {
            assertEquals(weight(f), sg.maps().get(0).map().get(f), 1e-6f);
            assertEquals(0f, vg.maps().get(0).map().get(f), 1e-6f);
            assertEquals(weight(f) * weight(f), sq.maps().get(0).map().get(f), 1e-5f);
        }
    }

    @Test
    void smoothGradIsSeeded() {
        Map<String, String> p = Map.of("samples", "6", "batch", "4", "seed", "3");
        AttributionResult a = explain(new SmoothGrad(), reluLinear, p);
        AttributionResult b = explain(new SmoothGrad(), reluLinear, p);
        assertArrayEquals(a.maps().get(1).map().data(), b.maps().get(1).map().data());
    }

    @Test
    void badInputsAreClearErrors() {
        NeuroLensException range = assertThrows(NeuroLensException.class, () -> new Saliency().explain(reluLinear,
                new ExplanationRequest(batch(), List.of("a", "b"), Target.of(3), Optional.empty(), Map.of()),
                Progress.NONE));
        assertTrue(range.getMessage().contains("out of range"), range.getMessage());
        float[] v = batch().data();
        v[5] = Float.NaN;
        NeuroLensException nan = assertThrows(NeuroLensException.class, () -> new IntegratedGradients().explain(
                reluLinear, request(Tensor.wrap(v, 2, 3, 2, 2), Map.of()), Progress.NONE));
        assertTrue(nan.getMessage().contains("'a' holds NaN"), nan.getMessage());
        NeuroLensException window = assertThrows(NeuroLensException.class,
                () -> explain(new Occlusion(), linear, Map.of("window", "3")));
        assertTrue(window.getMessage().contains("larger than"), window.getMessage());
        try (LoadedModel erf = engine.open(TinyModels.erfLinear(dir))) {
            NeuroLensException op = assertThrows(NeuroLensException.class,
                    () -> explain(new GuidedBackprop(), erf, Map.of()));
            assertTrue(op.getMessage().contains("no backward rule for op Erf at node 'erf'"), op.getMessage());
            // occlusion needs no backward pass
            assertEquals(2, explain(new Occlusion(), erf, Map.of("window", "1", "stride", "1")).maps().size());
        }
        NeuroLensException param = assertThrows(NeuroLensException.class,
                () -> explain(new SmoothGrad(), linear, Map.of("sample", "3")));
        assertTrue(param.getMessage().contains("valid parameters: samples, noise, type, seed, view, batch"),
                param.getMessage());
    }
}
