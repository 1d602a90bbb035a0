package dev.neurolens.engine.onnxruntime.normalize;

import static dev.neurolens.engine.onnxruntime.normalize.Onnx.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.normalize.ModelNormalizer;
import dev.neurolens.graph.normalize.Normalized;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch rewrites and fusions, checked with ONNX Runtime. */
class BatchAndFusionOutputsTest {

    /** conv -> relu -> Reshape(shape) -> Gemm: a torch export of {@code x.view(1, -1)}. */
    static ModelProto bakedBatch(long inputBatch) {
        return new Onnx.Model(13, inputBatch, 3, 4, 4).ir(7).weights("w", Onnx.random(2 * 27, 3), 2, 3, 3, 3)
                .weights("fc", Onnx.random(32 * 5, 4), 32, 5).ints("shape", 1, -1)
                .node("Conv", "conv", List.of("x", "w"), List.of("c"), ints("pads", 1, 1, 1, 1))
                .node("Relu", "relu", "c", "r")
                .node("Reshape", "flatten", List.of("r", "shape"), List.of("f"))
                .node("Gemm", "fc", List.of("f", "fc"), List.of("logits")).output("logits", inputBatch, 5).build();
    }

    @Test
    void aBatchBakedReshapeRunsAtBatchThreeAfterTheRewrite() throws Exception {
        for (long inputBatch : new long[] {-1, 1}) {
            ModelProto file = bakedBatch(inputBatch);
            Normalized n = ModelNormalizer.normalize(file);
            assertTrue(n.changes().stream().anyMatch(c -> c.startsWith("Reshape 'flatten': shape constant [1, -1]"
                    + " -> [0, -1]")), n.changes().toString());
            Tensor three = Onnx.input(7, 3, 3, 4, 4);
            if (inputBatch < 0) {
                assertThrows(NeuroLensException.class, () -> Onnx.run(file, three),
                        "the file's model fails at batch 3");
            }
            Tensor logits = Onnx.run(n.model(), three).get(0);
            assertArrayEquals(new int[] {3, 5}, logits.shape());
            for (int i = 0; i < 3; i++) {
                Tensor single = Onnx.run(file, three.slice(i).reshape(1, 3, 4, 4)).get(0);
                for (int k = 0; k < 5; k++) {
                    assertEquals(single.get(k), logits.get(i * 5 + k), 1e-5f * Math.max(1, Math.abs(single.get(k))));
                }
            }
        }
    }

    @Test
    void convMulAddFoldsIntoTheConvWithTheSameOutputs() throws Exception {
        ModelProto file = new Onnx.Model(13, -1, 2, 5, 5).ir(7).weights("w", Onnx.random(3 * 18, 5), 3, 2, 3, 3)
                .weights("b", new float[] {0.1f, -0.2f, 0.3f}, 3)
                .weights("scale", new float[] {1.5f, 0.7f, -2f}, 1, 3, 1, 1)
                .weights("shift", new float[] {0.5f, 0.25f, -1f}, 3, 1, 1)
                .node("Conv", "conv1", List.of("x", "w", "b"), List.of("c"), ints("pads", 1, 1, 1, 1))
                .node("Mul", "bn_mul", List.of("c", "scale"), List.of("m"))
                .node("Add", "bn_add", List.of("m", "shift"), List.of("y")).output("y").build();
        Normalized n = ModelNormalizer.normalize(file);
        assertEquals(List.of("conv1"), names(n.model()));
        assertSameOutputs(file, n.model(), 2, 2, 5, 5);
    }

    @Test
    void matMulAddBecomesAGemmWithTheSameOutputs() throws Exception {
        ModelProto file = new Onnx.Model(13, -1, 6).ir(7).weights("W", Onnx.random(24, 6), 6, 4)
                .weights("bias", new float[] {1, 2, 3, 4}, 4)
                .node("MatMul", "dense", List.of("x", "W"), List.of("xw"))
                .node("Add", "dense_bias", List.of("xw", "bias"), List.of("y")).output("y").build();
        Normalized n = ModelNormalizer.normalize(file);
        assertEquals(List.of("dense"), names(n.model()));
        assertEquals("Gemm", n.model().getGraph().getNode(0).getOpType());
        assertSameOutputs(file, n.model(), 3, 6);
    }

    @Test
    void nhwcTransposeSandwichesCancelWithTheSameOutputs() throws Exception {
        ModelProto file = new Onnx.Model(13, -1, 5, 5, 2).ir(7).weights("w1", Onnx.random(3 * 18, 8), 3, 2, 3, 3)
                .weights("w2", Onnx.random(4 * 27, 9), 4, 3, 3, 3)
                .node("Transpose", "to_nchw_1", "x", "a", ints("perm", 0, 3, 1, 2))
                .node("Conv", "conv1", List.of("a", "w1"), List.of("b"), ints("pads", 1, 1, 1, 1))
                .node("Transpose", "to_nhwc_1", "b", "c", ints("perm", 0, 2, 3, 1))
                .node("Relu", "relu1", "c", "d")
                .node("Transpose", "to_nchw_2", "d", "e", ints("perm", 0, 3, 1, 2))
                .node("Conv", "conv2", List.of("e", "w2"), List.of("f"), ints("pads", 1, 1, 1, 1))
                .node("Transpose", "to_nhwc_2", "f", "y", ints("perm", 0, 2, 3, 1)).output("y").build();
        Normalized n = ModelNormalizer.normalize(file);
        assertEquals(List.of("to_nchw_1", "conv1", "relu1", "conv2", "to_nhwc_2"), names(n.model()));
        assertSameOutputs(file, n.model(), 2, 5, 5, 2);
    }

    private static List<String> names(ModelProto m) {
        List<String> out = new ArrayList<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            out.add(n.getName());
        }
        return out;
    }

    private static void assertSameOutputs(ModelProto a, ModelProto b, int... shape) throws Exception {
        Tensor x = Onnx.input(11, shape);
        double d = Onnx.relativeDifference(Onnx.run(a, x).get(0), Onnx.run(b, x).get(0));
        assertTrue(d <= 1e-5, "outputs differ by " + d);
    }
}
