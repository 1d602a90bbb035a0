package dev.neurolens.engine.tensorflow.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.engine.tensorflow.Fixtures;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.ExplanationPlan;
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
 * The TensorFlow-native path (adapter {@code tensorflow-native}): plain gradient plans run on
 * TensorFlow's symbolic gradients, others on ONNX Runtime; every gradient method gives the same
 * maps as the ONNX Runtime path of the default adapter (1e-4).
 */
class NativeGradientsTest {
    private static Engine engine;
    private static ModelAdapter viaOnnx;
    private static ModelAdapter nativeTf;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start(Set.of("dev.neurolens.engine.tensorflow", "dev.neurolens.attribution",
                "dev.neurolens.gradcam"));
        viaOnnx = engine.adapter("tensorflow");
        nativeTf = engine.adapter("tensorflow-native");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Tensor input() {
        return Npy.read(Engine.models().resolve("tf").resolve("tf_residual.input.npy"));
    }

    @Test
    void plainGradientsRunOnTensorFlowAndOverridesOnOnnxRuntime() {
        try (LoadedModel m = nativeTf.open(Engine.models().resolve("tf/tf_residual"), ModelOptions.defaults())) {
            GraphRunner runner = m.capability(GraphRunner.class).orElseThrow();
            TfGraphRunner tf = assertInstanceOf(TfGraphRunner.class, runner);
            ExplanationPlan plain = ExplanationPlan.gradient("output_0", List.of("image"));
            assertTrue(tf.runsNatively(tf.compile(plain)));
            assertTrue(tf.runsNatively(tf.compile(plain.withTaps(List.of("tf_residual_1/relu3_1/Relu:0")))));
            assertTrue(m.info().engine().contains("plain gradients on TensorFlow"), m.info().engine());
            // the seed weights the gradient: twice the seed, twice the gradient
            Tensor x = input();
            var g = tf.compile(plain);
            Tensor seed = Tensor.zeros(4, 10);
            for (int i = 0; i < 4; i++) {
                seed.data()[i * 10 + 3] = 1f;
            }
            Tensor one = tf.run(g, x, seed, Progress.NONE).get(g.gradients().get("image"));
            for (int i = 0; i < seed.size(); i++) {
                seed.data()[i] *= 2f;
            }
            Tensor two = tf.run(g, x, seed, Progress.NONE).get(g.gradients().get("image"));
            assertArrayEquals(new int[] {4, 32, 32, 3}, one.shape());
            for (int i = 0; i < one.size(); i++) {
                assertTrue(Math.abs(2 * one.get(i) - two.get(i)) <= 1e-6 * (1 + Math.abs(two.get(i))));
            }
        }
    }

    @Test
    void guidedBackpropStaysOnOnnxRuntime() throws Exception {
        Explainer guided = engine.methods("guided-backprop").get(0);
        try (LoadedModel m = nativeTf.open(Engine.models().resolve("tf/tf_residual"), ModelOptions.defaults())) {
            TfGraphRunner tf = (TfGraphRunner) m.capability(GraphRunner.class).orElseThrow();
            AttributionResult r = (AttributionResult) guided.explain(m, new ExplanationRequest(input(),
                    List.of("a", "b", "c", "d"), Target.PREDICTED, Optional.empty(), Map.of()), Progress.NONE);
            assertArrayEquals(new int[] {32, 32, 3}, r.maps().get(0).map().shape());
            ExplanationPlan overridden = ExplanationPlan.gradient("output_0", List.of("image"))
                    .withOpOverrides(Map.of("Relu", (dev.neurolens.graph.compile.BackwardRule) (node, grads, e) -> grads));
            assertFalse(tf.runsNatively(tf.compile(overridden)));
        }
    }

    @Test
    void everyGradientMethodAgreesWithTheOnnxRuntimePath() throws Exception {
        Map<String, Map<String, String>> methods = Map.of(
                "saliency", Map.of(),
                "gradient-x-input", Map.of(),
                "integrated-gradients", Map.of("steps", "16"),
                "smoothgrad", Map.of("samples", "6", "noise", "0.2", "seed", "7"),
                "gradcam", Map.of(),
                "gradcam-plus-plus", Map.of());
        List<String> failures = new ArrayList<>();
        Tensor x = input();
        try (LoadedModel a = nativeTf.open(Engine.models().resolve("tf/tf_residual"), ModelOptions.defaults());
                LoadedModel b = viaOnnx.open(Engine.models().resolve("tf/tf_residual"), ModelOptions.defaults())) {
            for (Map.Entry<String, Map<String, String>> m : methods.entrySet()) {
                Explainer e = engine.methods(m.getKey()).get(0);
                ExplanationRequest req = new ExplanationRequest(x, List.of("a", "b", "c", "d"), Target.PREDICTED,
                        Optional.empty(), m.getValue());
                AttributionResult ra = (AttributionResult) e.explain(a, req, Progress.NONE);
                AttributionResult rb = (AttributionResult) e.explain(b, req, Progress.NONE);
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(rb.maps().get(i).map().shape(), ra.maps().get(i).map().shape());
                    double err = Fixtures.relativeError(ra.maps().get(i).map(), rb.maps().get(i).map());
                    if (!(err <= 1e-4)) {
                        failures.add(m.getKey() + " image " + i + ": " + err);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
