package dev.neurolens.engine.onnxruntime.normalize;

import static dev.neurolens.engine.onnxruntime.normalize.Onnx.f;
import static dev.neurolens.engine.onnxruntime.normalize.Onnx.i;
import static dev.neurolens.engine.onnxruntime.normalize.Onnx.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.engine.onnxruntime.internal.ModelOpener;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.normalize.ModelNormalizer;
import dev.neurolens.graph.normalize.Normalized;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening models through {@link ModelOpener}: which model runs, the forward check, refusals. */
class OpenNormalizedTest {
    private static final ModelOptions OPTIONS = ModelOptions.defaults().withThreads(2);

    @TempDir
    Path dir;

    private static Path resnet20() {
        return Path.of(System.getProperty("neurolens.models", "../../models")).resolve("resnet20_cifar10.onnx")
                .toAbsolutePath();
    }

    /**
     * conv (4 channels) -> BatchNormalization-7 -> relu -> Reshape [1, -1] -> MatMul + Add -> softmax,
     * opset 7 with a fixed batch of 1, 3x4x4 images.
     */
    static ModelProto opset7Classifier() {
        return opset7Network().node("Softmax", "prob", "logits", "y").output("y", 1, 3).build();
    }

    /** {@link #opset7Classifier()} up to the logits. */
    static Onnx.Model opset7Network() {
        return new Onnx.Model(7, 1, 3, 4, 4).ir(3).weights("w", Onnx.random(4 * 27, 21), 4, 3, 3, 3)
                .weights("g", new float[] {1, 2, 0.5f, 1}, 4).weights("b", new float[] {0, 0.1f, 0.2f, -0.1f}, 4)
                .weights("mean", new float[] {0.1f, 0, -0.1f, 0.2f}, 4).weights("var", new float[] {1, 2, 0.5f, 1}, 4)
                .weights("fc", Onnx.random(64 * 3, 22), 64, 3).weights("fcb", new float[] {0.5f, -0.5f, 0.1f}, 3)
                .ints("shape", 1, -1)
                .node("Conv", "conv", List.of("x", "w"), List.of("c"), ints("pads", 1, 1, 1, 1))
                .node("BatchNormalization", "bn", List.of("c", "g", "b", "mean", "var"), List.of("n"), i("spatial", 1))
                .node("Relu", "relu", "n", "r")
                .node("Reshape", "flat", List.of("r", "shape"), List.of("f"))
                .node("MatMul", "fc", List.of("f", "fc"), List.of("z"))
                .node("Add", "fc_bias", List.of("z", "fcb"), List.of("logits"));
    }

    private Path write(String name, ModelProto m) throws Exception {
        return Files.write(dir.resolve(name), m.toByteArray());
    }

    @Test
    void resnet20OpensWithTheUpgradeAndWithoutACheck() throws Exception {
        ModelOpener normalizing = new ModelOpener(Onnx::runtime);
        ModelOpener asWritten = Onnx.asWritten(); // what opening did before normalization
        normalizing.open(resnet20(), OPTIONS).close(); // the first open in a JVM installs natives and starts DJL
        asWritten.open(resnet20(), OPTIONS).close();
        int rounds = 9;
        long[] with = new long[rounds];
        long[] without = new long[rounds];
        for (int k = 0; k < rounds; k++) {
            without[k] = openMillis(asWritten);
            with[k] = openMillis(normalizing);
        }
        try (LoadedModel m = normalizing.open(resnet20(), OPTIONS)) {
            assertEquals(13, m.info().opsetVersion(), "the info tells the file's opset");
            GraphRunner runner = m.capability(GraphRunner.class).orElseThrow();
            assertEquals(17, runner.model().getOpsetImport(0).getVersion(), "explanations see opset 17");
            assertEquals(8, runner.model().getIrVersion());
        }
        Normalized n = ModelNormalizer.normalize(dev.neurolens.graph.OnnxModelReader.read(resnet20()));
        assertTrue(!n.graphRewritten(), "only the opset and IR version change: no forward check");
        java.util.Arrays.sort(with);
        java.util.Arrays.sort(without);
        System.out.printf("OPEN resnet20: median %d ms with normalization, %d ms without (%d opens each,"
                + " interleaved; min %d / %d ms)%n", with[rounds / 2], without[rounds / 2], rounds, with[0], without[0]);
    }

    private static long openMillis(ModelOpener opener) {
        long start = System.nanoTime();
        opener.open(resnet20(), OPTIONS).close();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void anOpset7ClassifierPredictsAsTheFileAndExplainsAtOpset17() throws Exception {
        ModelProto file = opset7Classifier();
        try (LoadedModel m = new ModelOpener(Onnx::runtime).open(write("old.onnx", file), OPTIONS)) {
            assertEquals(7, m.info().opsetVersion());
            assertEquals(-1L, m.info().imageInput().dims().get(0), "the batch became dynamic");
            assertEquals("Gemm", m.info().layer("fc").orElseThrow().opType(), "MatMul + Add fused, named 'fc'");
            Tensor batch = Onnx.input(3, 3, 3, 4, 4);
            Tensor probs = m.predict(batch);
            assertArrayEquals(new int[] {3, 3}, probs.shape());
            for (int k = 0; k < 3; k++) {
                Tensor one = Onnx.run(file, batch.slice(k).reshape(1, 3, 4, 4)).get(0);
                for (int c = 0; c < 3; c++) {
                    assertEquals(one.get(c), probs.at(k, c), 1e-5);
                }
            }
            GraphRunner runner = m.capability(GraphRunner.class).orElseThrow();
            assertEquals(17, runner.model().getOpsetImport(0).getVersion());
            CompiledGraph g = runner.compile(ExplanationPlan.gradient("y", List.of("x")));
            Tensor seed = Tensor.wrap(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
            Map<String, Tensor> out = runner.run(g, batch, seed, Progress.NONE);
            Tensor grad = out.values().stream().filter(t -> t.rank() == 4).findFirst().orElseThrow();
            assertArrayEquals(new int[] {3, 3, 4, 4}, grad.shape());
            assertTrue(grad.firstNonFinite() < 0);
        }
    }

    @Test
    void aModelTheUpgradeRefusesStillPredictsButExplanationsSayWhy() throws Exception {
        ModelProto file = new Onnx.Model(8, 1, 2, 3, 3).ir(3)
                .node("Relu", "relu", "x", "r")
                .node("Softmax", "prob", "r", "y", i("axis", 1)).output("y", 1, 2, 3, 3).build();
        Function<ModelProto, Normalized> refusing = m -> {
            throw new NeuroLensException("cannot upgrade Softmax node 'prob' from opset 8 to 17: a test says no");
        };
        try (LoadedModel m = new ModelOpener(Onnx::runtime, refusing).open(write("refused.onnx", file), OPTIONS)) {
            Tensor x = Onnx.input(5, 1, 2, 3, 3);
            assertEquals(0, Onnx.relativeDifference(Onnx.run(file, x).get(0), m.predict(x)), 1e-6);
            GraphRunner runner = m.capability(GraphRunner.class).orElseThrow();
            NeuroLensException e = assertThrows(NeuroLensException.class,
                    () -> runner.compile(ExplanationPlan.gradient("y", List.of("x"))));
            assertTrue(e.getMessage().contains("uses ONNX opset 8, and explanations need it upgraded to opset 17, but"
                    + " cannot upgrade Softmax node 'prob'"), e.getMessage());
        }
    }

    @Test
    void aNormalizationThatChangesOutputsIsCaughtAndTheFileRuns() throws Exception {
        // logits, not probabilities: a saturated softmax hides differences below the tolerance
        ModelProto file = opset7Network().output("logits", 1, 3).build();
        // a "normalization" that breaks the model: the real one, then a changed weight
        Function<ModelProto, Normalized> breaking = m -> {
            Normalized n = ModelNormalizer.normalize(m);
            var graph = n.model().getGraph().toBuilder();
            for (int k = 0; k < graph.getInitializerCount(); k++) {
                TensorProto t = graph.getInitializer(k);
                if (t.getName().equals("g")) {
                    graph.setInitializer(k, Onnx.floats("g", new float[] {1, 2, 0.5f, 3}, 4));
                }
            }
            return new Normalized(n.model().toBuilder().setGraph(graph).build(), n.changes(), true);
        };
        try (LoadedModel m = new ModelOpener(Onnx::runtime, breaking).open(write("broken.onnx", file), OPTIONS)) {
            assertEquals(1L, m.info().imageInput().dims().get(0), "the file's model runs: batch stays 1");
            Tensor x = Onnx.input(9, 1, 3, 4, 4);
            assertEquals(0, Onnx.relativeDifference(Onnx.run(file, x).get(0), m.predict(x)), 1e-6);
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> m.capability(GraphRunner.class)
                    .orElseThrow().compile(ExplanationPlan.gradient("logits", List.of("x"))));
            assertTrue(e.getMessage().contains("the normalized model does not compute the file's outputs (output"
                    + " 'logits' differs by"), e.getMessage());
        }
    }
}
