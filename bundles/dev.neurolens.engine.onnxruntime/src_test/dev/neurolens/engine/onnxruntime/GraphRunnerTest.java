package dev.neurolens.engine.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine's {@link GraphRunner} on the bundled ResNet-20: compiled gradients agree with
 * directional finite differences of the engine's own forward pass, layer gradients have the
 * layer's shape, and plans are cached. (Per-op checks against a float64 reference are in
 * {@code gradients/}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphRunnerTest {
    private static final String LAST_BLOCK = "/layer3/layer3.2/Relu_1_output_0";

    private AdapterServices services;
    private LoadedModel model;
    private GraphRunner runner;

    @BeforeAll
    void open() throws Exception {
        services = AdapterServices.track();
        model = services.adapter().open(TestFiles.resnet20(), ModelOptions.defaults().withThreads(2));
        runner = model.capability(GraphRunner.class).orElseThrow();
    }

    @AfterAll
    void close() {
        model.close();
        services.close();
    }

    private static Tensor random(long seed, float scale, int... shape) {
        Random r = new Random(seed);
        float[] v = new float[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return Tensor.wrap(v, shape);
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (double) a.get(i) * b.get(i);
        }
        return s;
    }

    private static Tensor axpy(Tensor x, double h, Tensor d) {
        float[] v = new float[x.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (x.get(i) + h * d.get(i));
        }
        return Tensor.wrap(v, x.shape());
    }

    @Test
    void forwardPartOfTheGraphEqualsPredict() {
        Tensor x = random(1, 1f, 2, 3, 32, 32);
        CompiledGraph g = runner.compile(ExplanationPlan.gradient("logits", List.of("input")));
        Map<String, Tensor> out = runner.run(g, x, random(2, 1f, 2, 10), Progress.NONE);
        assertArrayEquals(x.shape(), out.get(g.gradients().get("input")).shape());
        assertArrayEquals(model.predict(x).data(), out.get("logits").data(), 1e-4f);
    }

    @Test
    void gradientThroughTheFirstConvMatchesFiniteDifferencesExactly() {
        // the first conv is linear in the input, so central differences are exact up to rounding;
        // gradients through ReLUs are checked against a float64 reference in gradients/
        String conv = "/conv1/Conv_output_0";
        Tensor x = random(1, 1f, 2, 3, 32, 32);
        Tensor seed = random(2, 1f, 2, 16, 32, 32);
        CompiledGraph g = runner.compile(new ExplanationPlan(conv, List.of("input"), Map.of(), Map.of(), List.of()));
        Tensor grad = runner.run(g, x, seed, Progress.NONE).get(g.gradients().get("input"));
        for (int k = 0; k < 3; k++) {
            Tensor d = random(10 + k, 1f, 2, 3, 32, 32);
            double h = 1e-2;
            double fd = (dot(seed, model.run(axpy(x, h, d), List.of(conv), Progress.NONE).get(conv))
                    - dot(seed, model.run(axpy(x, -h, d), List.of(conv), Progress.NONE).get(conv))) / (2 * h);
            assertEquals(fd, dot(grad, d), 1e-4 * Math.abs(fd), "direction " + k);
        }
    }

    @Test
    void layerGradientHasTheLayerShapeAndIsConsistentWithTheInputGradient() {
        Tensor x = random(3, 1f, 1, 3, 32, 32);
        Tensor seed = random(4, 1f, 1, 10);
        ExplanationPlan plan = ExplanationPlan.gradient("logits", List.of(LAST_BLOCK)).withTaps(List.of(LAST_BLOCK));
        CompiledGraph g = runner.compile(plan);
        Map<String, Tensor> out = runner.run(g, x, seed, Progress.NONE);
        Tensor gradA = out.get(g.gradients().get(LAST_BLOCK));
        Tensor a = out.get(LAST_BLOCK);
        assertArrayEquals(new int[] {1, 64, 8, 8}, gradA.shape());
        assertArrayEquals(gradA.shape(), a.shape());
        // after the last block come GlobalAveragePool, Flatten and Gemm: the gradient is the same at
        // every spatial position of a channel, W^T seed / 64
        for (int c = 0; c < 64; c++) {
            float first = gradA.at(0, c, 0, 0);
            for (int i = 0; i < 64; i++) {
                assertEquals(first, gradA.get(c * 64 + i), 1e-6f);
            }
        }
        assertTrue(runner.compile(plan) == g, "equal plans are compiled once");
    }

    @Test
    void predictedSeedEqualsTheOneHotOfTheArgmax() {
        Tensor x = random(7, 1f, 3, 3, 32, 32);
        ExplanationPlan plan = ExplanationPlan.gradient("logits", List.of("input"));
        CompiledGraph self = runner.compile(plan.withPredictedSeed());
        assertTrue(self.seed() == null, "no seed input");
        Map<String, Tensor> own = runner.run(self, x, null, Progress.NONE);
        Tensor logits = own.get("logits");
        float[] oneHot = new float[3 * 10];
        for (int i = 0; i < 3; i++) {
            oneHot[i * 10 + logits.slice(i).argMax()] = 1f;
        }
        CompiledGraph fed = runner.compile(plan);
        Tensor expected = runner.run(fed, x, Tensor.wrap(oneHot, 3, 10), Progress.NONE).get(fed.gradients().get("input"));
        assertArrayEquals(expected.data(), own.get(self.gradients().get("input")).data(), 0f);
    }

    @Test
    void summedPlanReturnsTheSumOfTheRowsGradientsWithTheFirstConvRunOnce() {
        Tensor x = random(8, 1f, 5, 3, 32, 32);
        Tensor seed = random(9, 1f, 5, 10);
        ExplanationPlan plan = ExplanationPlan.gradient("logits", List.of("input", LAST_BLOCK));
        CompiledGraph rows = runner.compile(plan);
        CompiledGraph summed = runner.compile(plan.withSumOverBatch());
        Map<String, Tensor> perRow = runner.run(rows, x, seed, Progress.NONE);
        Map<String, Tensor> total = runner.run(summed, x, seed, Progress.NONE);
        for (String wrt : List.of("input", LAST_BLOCK)) {
            Tensor each = perRow.get(rows.gradients().get(wrt));
            Tensor sum = total.get(summed.gradients().get(wrt));
            int size = each.size() / 5;
            int[] rowShape = each.shape().clone();
            rowShape[0] = 1;
            assertArrayEquals(rowShape, sum.shape(), wrt);
            double scale = 0;
            double worst = 0;
            for (int j = 0; j < size; j++) {
                double expected = 0;
                for (int r = 0; r < 5; r++) {
                    expected += each.get(r * size + j);
                }
                scale = Math.max(scale, Math.abs(expected));
                worst = Math.max(worst, Math.abs(expected - sum.get(j)));
            }
            assertTrue(worst <= 1e-5 * scale, wrt + ": max |difference| " + worst + " of " + scale);
        }
        // the input's gradient: the rows are summed before the first conv's VJP, which runs once
        // and also turns -0.0 into +0.0 (a zero bias instead of an Add)
        List<NodeProto> nodes = summed.model().getGraph().getNodeList();
        NodeProto last = producer(nodes, summed.gradients().get("input"));
        assertEquals("Conv", last.getOpType());
        assertEquals(3, last.getInputCount(), "with its zero bias");
        assertEquals("ReduceSum", producer(nodes, last.getInput(0)).getOpType());
    }

    /**
     * On 2 threads a batch of 9 runs as parts of 4 and 5 rows side by side (two single-threaded
     * sessions); on 1 thread it runs whole. Both give the same logits and gradients, per row and
     * summed over the batch (the sum of two partial sums: only float rounding may differ).
     */
    @Test
    void aBatchRunInPartsGivesWhatItGivesWhole() {
        Tensor x = random(10, 1f, 9, 3, 32, 32);
        Tensor seed = random(11, 1f, 9, 10);
        ExplanationPlan plan = ExplanationPlan.gradient("logits", List.of("input", LAST_BLOCK));
        try (LoadedModel single = services.adapter().open(TestFiles.resnet20(), ModelOptions.defaults().withThreads(1))) {
            GraphRunner whole = single.capability(GraphRunner.class).orElseThrow();
            for (ExplanationPlan p : List.of(plan, plan.withSumOverBatch())) {
                CompiledGraph inParts = runner.compile(p);
                CompiledGraph asOne = whole.compile(p);
                Map<String, Tensor> a = runner.run(inParts, x, seed, Progress.NONE);
                Map<String, Tensor> b = whole.run(asOne, x, seed, Progress.NONE);
                assertClose(b.get(asOne.output()), a.get(inParts.output()), "logits");
                for (String wrt : List.of("input", LAST_BLOCK)) {
                    assertClose(b.get(asOne.gradients().get(wrt)), a.get(inParts.gradients().get(wrt)),
                            wrt + (p.summedOverBatch() ? " summed" : ""));
                }
            }
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.get(i)));
            worst = Math.max(worst, Math.abs(expected.get(i) - actual.get(i)));
        }
        assertTrue(scale > 0, what + " is all zeros");
        assertTrue(worst <= 1e-5 * scale, what + ": max |difference| " + worst + " of " + scale);
    }

    private static NodeProto producer(List<NodeProto> nodes, String tensor) {
        return nodes.stream().filter(n -> n.getOutputList().contains(tensor)).findFirst().orElseThrow();
    }

    @Test
    void unknownTensorIsNamed() {
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> runner.compile(ExplanationPlan.gradient("logits", List.of("no-such-layer"))));
        assertTrue(e.getMessage().contains("no-such-layer"), e.getMessage());
    }

    @Test
    void cancelledRunThrows() {
        CompiledGraph g = runner.compile(ExplanationPlan.gradient("logits", List.of("input")));
        Progress cancelled = new Progress() {
            @Override public void begin(String task, long totalWork) { }
            @Override public void worked(long units) { }
            @Override public void subTask(String name) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(CancelledException.class,
                () -> runner.run(g, random(5, 1f, 1, 3, 32, 32), random(6, 1f, 1, 10), cancelled));
    }
}
