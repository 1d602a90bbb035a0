package dev.neurolens.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.ReluOverrides;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.testing.Engine;
import dev.neurolens.testing.References;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The methods on the bundled CIFAR-10 ResNet-20 and the preprocessed chelsea photo (a cat). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResNet20Test {
    private static final int CAT = 3;
    private Engine engine;
    private LoadedModel model;
    private Tensor chelsea;

    @BeforeAll
    void open() throws Exception {
        engine = Engine.start();
        model = engine.open(Engine.resnet20());
        chelsea = Npy.read(Engine.chelseaInput());
        if (chelsea.rank() == 3) {
            chelsea = chelsea.reshape(1, 3, 32, 32);
        }
    }

    @AfterAll
    void close() {
        model.close();
        engine.close();
    }

    private AttributionResult explain(Explainer e, Map<String, String> params) {
        return (AttributionResult) e.explain(model, new ExplanationRequest(chelsea, List.of("chelsea"),
                Target.PREDICTED, Optional.empty(), params), Progress.NONE);
    }

    @Test
    void integratedGradientsIsCompleteWithinOnePercent() {
        for (String baseline : List.of("zero", "black", "blur")) {
            AttributionResult r = explain(new IntegratedGradients(), Map.of("steps", "64", "baseline", baseline));
            AttributionMap m = r.maps().get(0);
            assertEquals(CAT, m.targetClass());
            assertEquals("cat", m.targetLabel());
            double sum = 0;
            for (int i = 0; i < m.map().size(); i++) {
                sum += m.map().get(i);
            }
            double gap = sum - m.completenessDelta().orElseThrow(); // = f(x) − f(x′)
            System.out.printf("IG %s gauss-legendre 64: sum %.5f, f(x)-f(x') %.5f, delta %.2e (%.3f%%), %.0f ms%n",
                    baseline, sum, gap, m.completenessDelta().getAsDouble(),
                    100 * Math.abs(m.completenessDelta().getAsDouble() / gap), r.timingsMillis().get("total"));
            assertTrue(Math.abs(m.completenessDelta().getAsDouble()) <= 0.01 * Math.abs(gap),
                    baseline + ": delta " + m.completenessDelta() + " vs " + gap);
        }
    }

    @Test
    void gradientTimesInputIsInputTimesSaliency() {
        Tensor sal = explain(new Saliency(), Map.of()).maps().get(0).map();
        Tensor gxi = explain(new GradientTimesInput(), Map.of()).maps().get(0).map();
        assertArrayEquals(new int[] {3, 32, 32}, sal.shape());
        for (int i = 0; i < sal.size(); i++) {
            assertEquals(chelsea.get(i) * sal.get(i), gxi.get(i), 1e-6f * Math.max(1, Math.abs(gxi.get(i))));
        }
    }

    @Test
    void guidedBackpropPassesOnlyPositiveSignalsThroughActiveUnitsAndDiffersFromTheGradient() {
        // at the input of the first Relu the guided signal is relu(g · [z > 0]): never negative,
        // and zero wherever the pre-activation z is not positive; the plain gradient has both signs
        String z = "/conv1/Conv_output_0";
        Targets t = Targets.resolve(model, chelsea, Target.PREDICTED);
        ExplanationPlan plan = ExplanationPlan.gradient("logits", List.of(z)).withTaps(List.of(z));
        GradientPass.Outputs guided = GradientPass.compile(model, plan.withOpOverrides(ReluOverrides.guided()))
                .run(chelsea, t.seed(0, 1), Progress.NONE);
        GradientPass.Outputs plain = GradientPass.compile(model, plan).run(chelsea, t.seed(0, 1), Progress.NONE);
        Tensor pre = guided.tap(z);
        Tensor g = guided.gradient(z);
        int positive = 0;
        int negativePlain = 0;
        for (int i = 0; i < g.size(); i++) {
            assertTrue(g.get(i) >= 0, "guided signal is never negative");
            if (pre.get(i) <= 0) {
                assertEquals(0f, g.get(i), "zero where the unit is inactive");
            }
            positive += g.get(i) > 0 ? 1 : 0;
            negativePlain += plain.gradient(z).get(i) < 0 ? 1 : 0;
        }
        assertTrue(positive > 100, "some signal passes: " + positive);
        assertTrue(negativePlain > 100, "the plain gradient has negative values: " + negativePlain);

        Tensor gbp = explain(new GuidedBackprop(), Map.of()).maps().get(0).map();
        Tensor sal = explain(new Saliency(), Map.of()).maps().get(0).map();
        assertNotEquals(0, maxAbsDifference(gbp, sal), "guided backprop differs from the gradient");
        assertEquals("19 Relu", explain(new GuidedBackprop(), Map.of()).notes().get("overridden"));
    }

    @Test
    void deconvNetDependsOnTheInputOnlyThroughMaxPoolsAndThereforeNotAtAll() {
        // ResNet-20 has no max pooling: with every Relu replaced by relu(g) the backward pass never
        // looks at the forward activations, so any two inputs get the same DeconvNet map
        Tensor a = explain(new DeconvNet(), Map.of()).maps().get(0).map();
        float[] other = chelsea.data();
        for (int i = 0; i < other.length; i++) {
            other[i] = -0.5f * other[i] + 0.1f;
        }
        Tensor b = ((AttributionResult) new DeconvNet().explain(model, new ExplanationRequest(
                Tensor.wrap(other, 1, 3, 32, 32), List.of("other"), Target.of(CAT), Optional.empty(), Map.of()),
                Progress.NONE)).maps().get(0).map();
        assertArrayEquals(a.data(), b.data(), 1e-5f);
    }

    @Test
    void occlusionWithAWindowAsLargeAsTheImageIsTheDropToTheFill() {
        AttributionResult r = explain(new Occlusion(), Map.of("window", "32", "stride", "1", "fill", "0.25"));
        float fx = model.predict(chelsea).get(CAT);
        float[] fill = new float[3 * 32 * 32];
        java.util.Arrays.fill(fill, 0.25f);
        float ff = model.predict(Tensor.wrap(fill, 1, 3, 32, 32)).get(CAT);
        Tensor m = r.maps().get(0).map();
        for (int i = 0; i < m.size(); i++) {
            assertEquals(fx - ff, m.get(i), 1e-4f);
        }
    }

    @Test
    void smoothGradTimingsAndChunking() {
        AttributionResult r = explain(new SmoothGrad(), Map.of("samples", "50", "batch", "16"));
        System.out.printf("SmoothGrad 50 samples in chunks of 16: %.0f ms%n", r.timingsMillis().get("total"));
        assertArrayEquals(new int[] {3, 32, 32}, r.maps().get(0).map().shape());
        AttributionResult occ = explain(new Occlusion(), Map.of());
        System.out.printf("Occlusion window 8 stride 4 (49 windows): %.0f ms%n", occ.timingsMillis().get("total"));
        AttributionResult sal = explain(new Saliency(), Map.of());
        System.out.printf("Saliency: %.0f ms (%s)%n", sal.timingsMillis().get("total"), sal.timingsMillis());
    }

    @Test
    void cancellationStopsWithinASecond() throws Exception {
        AtomicLong cancelledAt = new AtomicLong();
        Progress progress = new Progress() {
            @Override public void begin(String task, long totalWork) { }
            @Override public void worked(long units) { }
            @Override public void subTask(String name) { }
            @Override public boolean isCancelled() { return cancelledAt.get() != 0; }
        };
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            cancelledAt.set(System.nanoTime());
        });
        canceller.start();
        // 10,000 steps in chunks of 64 take several seconds
        assertThrows(CancelledException.class, () -> new IntegratedGradients().explain(model, new ExplanationRequest(
                chelsea, List.of("chelsea"), Target.PREDICTED, Optional.empty(), Map.of("steps", "10000",
                        "rule", "riemann-middle", "batch", "64")), progress));
        double seconds = (System.nanoTime() - cancelledAt.get()) / 1e9;
        canceller.join();
        System.out.printf("IG stopped %.3f s after the cancellation%n", seconds);
        assertTrue(cancelledAt.get() != 0 && seconds < 1.0, "stopped " + seconds + " s after the cancellation");
    }

    private static double maxAbsDifference(Tensor a, Tensor b) {
        double d = 0;
        for (int i = 0; i < a.size(); i++) {
            d = Math.max(d, Math.abs(a.get(i) - b.get(i)));
        }
        return d;
    }

    /** The largest difference allowed from the PyTorch references, relative to their scale. */
    private static final double CLOSE = 1e-5;

    @Test
    void gradientMethodsAgreeWithTheCaptumStyleReference() {
        References.assertAgrees("saliency", explain(new Saliency(), Map.of()).maps().get(0).map(), CLOSE);
        References.assertAgrees("gradient-x-input", explain(new GradientTimesInput(), Map.of()).maps().get(0).map(),
                CLOSE);
        References.assertAgrees("guided-backprop", explain(new GuidedBackprop(), Map.of()).maps().get(0).map(), CLOSE);
        References.assertAgrees("deconvnet", explain(new DeconvNet(), Map.of()).maps().get(0).map(), CLOSE);
        References.assertAgrees("occlusion", explain(new Occlusion(), Map.of("window", "8", "stride", "4", "fill", "0"))
                .maps().get(0).map(), CLOSE);
    }

    /**
     * How far one rule's map may be from the PyTorch reference. Each of the 64 points sees ~100,000
     * ReLUs, and at most points the smallest pre-activation is within 1e-7 of the layer's scale of
     * zero (float64 reference evaluator: min |z| / max |z| of 1.3e-8 to 1e-6 per point), i.e. within
     * float32 rounding: whether such a unit is on or off depends on the order of the sums, which
     * differs between PyTorch and ONNX Runtime and between CPUs (AVX2 vs AVX-512 blocked
     * convolutions). One unit that flips at one point moves the map by up to ~1.4e-3 of its scale
     * (trapezoid on an AVX2 machine; riemann-middle 1.8e-5 on AVX-512). A wrong weight or a missing
     * point moves it by about a point's share, 1/64 ≈ 1.6e-2. The quadrature itself is checked
     * tightly, on the same engine, by {@link #integratedGradientsIsTheWeightedSumOfItsPointsGradients}.
     */
    private static final double IG_KINKS = 5e-3;

    @Test
    void integratedGradientsAgreesWithTheCaptumStyleReferenceForEveryRule() {
        for (String rule : List.of("gauss-legendre", "riemann-left", "riemann-right", "riemann-middle", "trapezoid")) {
            AttributionResult r = explain(new IntegratedGradients(), Map.of("steps", "64", "rule", rule, "baseline",
                    "zero"));
            References.assertAgrees("integrated-gradients." + rule, r.maps().get(0).map(), IG_KINKS);
        }
    }

    /**
     * Integrated Gradients against a re-implementation of its sum from the same engine's gradients:
     * {@code (x − x′) ⊙ Σ_k w_k ∇f(x′ + α_k (x − x′))} with each point's gradient from a plain
     * per-row gradient pass and the sum taken here in float64. The method itself puts the weights in
     * the seed and lets the graph sum the rows; chunks of 24 rows add a padded last chunk (weight 0).
     */
    @Test
    void integratedGradientsIsTheWeightedSumOfItsPointsGradients() {
        float[] x = chelsea.data();
        int size = x.length;
        GradientPass perRow = GradientPass.inputGradient(model, Map.of());
        for (Quadrature rule : Quadrature.values()) {
            Quadrature.Nodes nodes = rule.nodes(64);
            float[] points = new float[64 * size];
            for (int k = 0; k < 64; k++) {
                for (int j = 0; j < size; j++) {
                    points[k * size + j] = (float) nodes.alphas()[k] * x[j];
                }
            }
            Tensor grads = perRow.run(Tensor.wrap(points, 64, 3, 32, 32),
                    Targets.oneHot(filled(64, CAT), new int[] {10}), Progress.NONE).gradient();
            double[] expected = new double[size];
            for (int k = 0; k < 64; k++) {
                for (int j = 0; j < size; j++) {
                    expected[j] += nodes.weights()[k] * grads.get(k * size + j);
                }
            }
            for (int j = 0; j < size; j++) {
                expected[j] *= x[j];
            }
            for (String batch : List.of("64", "24")) {
                Tensor ig = explain(new IntegratedGradients(), Map.of("steps", "64", "rule", rule.id(), "baseline",
                        "zero", "batch", batch)).maps().get(0).map();
                double worst = 0;
                double scale = 0;
                for (int j = 0; j < size; j++) {
                    worst = Math.max(worst, Math.abs(ig.get(j) - expected[j]));
                    scale = Math.max(scale, Math.abs(expected[j]));
                }
                System.out.printf("IG %-15s batch %s: max |IG - sum of point gradients| / max = %.2e%n", rule.id(),
                        batch, worst / scale);
                assertTrue(worst <= 1e-5 * scale, rule.id() + ", batch " + batch + ": max |difference| " + worst
                        + " of max " + scale);
            }
        }
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
