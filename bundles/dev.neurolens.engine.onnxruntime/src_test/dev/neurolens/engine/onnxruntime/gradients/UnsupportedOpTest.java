package dev.neurolens.engine.onnxruntime.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** An op without a backward rule fails the compile, naming the op and the node; off the path it is fine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsupportedOpTest {
    private EngineServices engine;

    @BeforeAll
    void start() throws Exception {
        engine = EngineServices.start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @Test
    void erfOnThePathIsNamed(@TempDir Path dir) throws Exception {
        ModelBuilder m = new ModelBuilder("erf").input("x", 1, 2, 4, 4)
                .initializer("w", new RandomWeights(1).he(2 * 18, 18), 2, 2, 3, 3);
        m.node("Conv").name("conv").inputs("x", "w").outputs("c").ints("pads", 1, 1, 1, 1);
        m.node("Erf").name("gelu_erf").inputs("c").outputs("y");
        assertCompileFails(m.output("y").write(dir.resolve("erf.onnx")), "Erf", "gelu_erf");
    }

    @Test
    void lrnOnThePathIsNamed(@TempDir Path dir) throws Exception {
        ModelBuilder m = new ModelBuilder("lrn").input("x", 1, 3, 5, 5);
        m.node("LRN").name("norm1").inputs("x").outputs("n").attr("size", 3);
        m.node("Relu").name("relu").inputs("n").outputs("y");
        assertCompileFails(m.output("y").write(dir.resolve("lrn.onnx")), "LRN", "norm1");
    }

    @Test
    void unsupportedOpOffThePathDoesNotMatter(@TempDir Path dir) throws Exception {
        // Erf of a weight is constant for the backward pass: y = x * erf(w), dy/dx = erf(w) * seed
        float[] w = {0.3f, -0.7f, 1.2f};
        ModelBuilder m = new ModelBuilder("erf-weight").input("x", 2, 3).initializer("w", w, 3);
        m.node("Erf").name("erf_of_weight").inputs("w").outputs("ew");
        m.node("Mul").name("mul").inputs("x", "ew").outputs("y");
        try (LoadedModel model = engine.open(m.output("y").write(dir.resolve("erf-weight.onnx")))) {
            GraphRunner runner = model.capability(GraphRunner.class).orElseThrow();
            CompiledGraph g = runner.compile(ExplanationPlan.gradient("y", List.of("x")));
            Tensor seed = Tensor.of(new float[] {1, 1, 1, 2, 2, 2}, 2, 3);
            Tensor grad = runner.run(g, Tensor.zeros(2, 3), seed, Progress.NONE).get(g.gradients().get("x"));
            float[] expected = new float[6];
            for (int i = 0; i < 6; i++) {
                expected[i] = (float) (seed.get(i) * erf(w[i % 3]));
            }
            assertArrayEquals(expected, grad.data(), 1e-6f);
        }
        assertTrue(Files.exists(dir.resolve("erf-weight.onnx")));
    }

    private void assertCompileFails(Path file, String op, String node) {
        try (LoadedModel model = engine.open(file)) {
            GraphRunner runner = model.capability(GraphRunner.class).orElseThrow();
            NeuroLensException e = assertThrows(NeuroLensException.class,
                    () -> runner.compile(ExplanationPlan.gradient("y", List.of("x"))));
            assertTrue(e.getMessage().contains(op) && e.getMessage().contains("'" + node + "'"), e.getMessage());
            System.out.println("UNSUPPORTED " + op + ": " + e.getMessage());
        }
    }

    /** erf by its Maclaurin series, exact to float precision for |x| ≤ 1.5. */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 40; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
