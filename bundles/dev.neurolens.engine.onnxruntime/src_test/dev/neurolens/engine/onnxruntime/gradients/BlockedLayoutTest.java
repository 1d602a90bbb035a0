package dev.neurolens.engine.onnxruntime.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler's layout barriers and blocked ReLU masks (BlockedLayout; their gradients are
 * checked against finite differences in {@link CompositeGradientTest}'s 16/32-channel stage):
 * they are emitted where the stage needs them, a batch gives row for row the results of its rows
 * run alone (each batch size runs in its own fixed-batch session), and no gradient comes out as
 * {@code -0.0}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockedLayoutTest {
    private EngineServices engine;

    @BeforeAll
    void start() throws Exception {
        engine = EngineServices.start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private static float[] weights(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[t.getRawData().size() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static long group(NodeProto n) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals("group")).mapToLong(AttributeProto::getI)
                .findFirst().orElse(1);
    }

    @Test
    void barriersAndMasksAreEmittedAndBatchesAgreeWithSingleRows(@TempDir Path dir) throws Exception {
        GradientCase c = CompositeCases.blockedResidualStage();
        Path file = Files.write(dir.resolve("stage.onnx"), c.model().toByteArray());
        try (LoadedModel model = engine.open(file)) {
            GraphRunner runner = model.capability(GraphRunner.class).orElseThrow();
            // c0 is relu0's input: its gradient is the masked one itself, -0.0 wherever a unit is off
            // and the gradient arriving from above is negative, unless the compiler repairs it
            List<String> wrt = List.of("x", "r2", "c0");
            CompiledGraph graph = runner.compile(ExplanationPlan.gradient(c.output(), wrt));

            Map<String, TensorProto> inits = graph.model().getGraph().getInitializerList().stream()
                    .collect(Collectors.toMap(TensorProto::getName, t -> t));
            int barriers = 0;
            int masks = 0;
            for (NodeProto n : graph.model().getGraph().getNodeList()) {
                if (!n.getOpType().equals("Conv") || group(n) == 1 || !inits.containsKey(n.getInput(1))) {
                    continue;
                }
                float[] w = weights(inits.get(n.getInput(1)));
                Set<Float> values = Arrays.stream(toObjects(w)).collect(Collectors.toSet());
                barriers += values.equals(Set.of(1f)) ? 1 : 0;
                masks += values.equals(Set.of(3.0e38f)) ? 1 : 0;
            }
            // 5 Relu masks (16/32 channels); barriers: the GAP gradient before the last mask and the
            // Sum of the strided conv's and the shortcut's gradients at r2 (the shortcut's Slice+Pad
            // became one blocked 1x1 Conv, so the forward needs none)
            assertEquals(5, masks, "blocked ReLU masks");
            assertEquals(2, barriers, "layout barriers");
            List<String> ops = graph.model().getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
            assertTrue(!ops.contains("ConvTranspose") && !ops.contains("DepthToSpace") && !ops.contains("Pad"),
                    "strided VJPs are polyphase Convs, the shortcut a Conv: " + ops);
            long interleaves = graph.model().getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("Transpose") && n.getAttributeList().stream()
                            .anyMatch(a -> a.getName().equals("perm") && a.getIntsList().equals(List.of(0L, 1L, 2L, 4L, 5L, 3L))))
                    .count();
            assertEquals(1, interleaves, "the strided conv's and the shortcut's phase blocks are summed, then interleaved once");
            NodeProto shortcut = graph.model().getGraph().getNodeList().stream()
                    .filter(n -> n.getName().equals("shortcut_slice/as_conv")).findFirst().orElseThrow();
            assertEquals(List.of("Conv", "r2", "short"), List.of(shortcut.getOpType(), shortcut.getInput(0),
                    shortcut.getOutput(0)), "Slice ::2 and Pad as one strided 1x1 Conv");

            int rows = c.shape()[0];
            int[] outShape = {rows, 5};
            float[] seed = new RandomWeights(7).uniform(rows * 5, -1, 1);
            Map<String, Tensor> all = runner.run(graph, Tensor.of(c.x(), c.shape()), Tensor.of(seed, outShape),
                    Progress.NONE);
            int zeros = 0;
            for (String w : wrt) {
                Tensor g = all.get(graph.gradients().get(w));
                for (int i = 0; i < g.size(); i++) {
                    assertTrue(Float.floatToRawIntBits(g.get(i)) != 0x80000000, w + " has -0.0 at " + i);
                    zeros += g.get(i) == 0 ? 1 : 0;
                }
            }
            assertTrue(zeros > 100, "dead units give zero gradients: " + zeros);
            int per = c.x().length / rows;
            for (int r = 0; r < rows; r++) {
                int[] one = c.shape().clone();
                one[0] = 1;
                Map<String, Tensor> alone = runner.run(graph,
                        Tensor.of(Arrays.copyOfRange(c.x(), r * per, (r + 1) * per), one),
                        Tensor.of(Arrays.copyOfRange(seed, r * 5, r * 5 + 5), 1, 5), Progress.NONE);
                for (String w : wrt) {
                    Tensor batch = all.get(graph.gradients().get(w));
                    Tensor single = alone.get(graph.gradients().get(w));
                    int n = single.size();
                    float[] expected = new float[n];
                    float[] actual = new float[n];
                    for (int i = 0; i < n; i++) {
                        expected[i] = single.get(i);
                        actual[i] = batch.get(r * n + i);
                    }
                    assertArrayEquals(expected, actual, 1e-5f * max(expected), w + " row " + r);
                }
            }
        }
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return Math.max(m, 1e-20f);
    }

    private static Float[] toObjects(float[] v) {
        Float[] o = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i];
        }
        return o;
    }
}
