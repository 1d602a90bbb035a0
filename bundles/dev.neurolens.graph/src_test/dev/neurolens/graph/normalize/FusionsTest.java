package dev.neurolens.graph.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionsTest {
    private static final RandomWeights R = new RandomWeights(5);

    @Test
    void matMulPlusBiasBecomesGemmNamedAfterTheMatMul() {
        ModelProto m = new ModelBuilder("fc").input("x", -1, 6).initializer("W", R.he(6 * 4, 6), 6, 4)
                .initializer("b", R.uniform(4, -1, 1), 4)
                .node("MatMul").name("fc").inputs("x", "W").outputs("xw").model()
                .node("Add").name("fc_bias").inputs("b", "xw").outputs("y").model().output("y", -1, 4).build();
        Normalized n = Fusions.fuse(m);
        assertEquals(List.of("Gemm"), Graphs.ops(n.model()));
        NodeProto gemm = Graphs.node(n.model(), "fc");
        assertEquals(List.of("x", "W", "b"), gemm.getInputList());
        assertEquals(List.of("y"), gemm.getOutputList());
        assertEquals(List.of("MatMul 'fc' + Add 'fc_bias' -> Gemm 'fc'"), n.changes());
        assertSameOutputs(m, n.model(), "y", 2, 6);
    }

    @Test
    void matMulOnAThreeDimensionalInputIsNotAGemm() {
        ModelProto m = new ModelBuilder("fc3").input("x", -1, 2, 6).initializer("W", R.he(6 * 4, 6), 6, 4)
                .initializer("b", R.uniform(4, -1, 1), 4)
                .node("MatMul").name("fc").inputs("x", "W").outputs("xw").model()
                .node("Add").name("bias").inputs("xw", "b").outputs("y").model().output("y").build();
        assertSame(m, Fusions.fuse(m).model());
    }

    @Test
    void convMulAddBecomesOneConvWithScaledWeights() {
        for (long[] perChannelShape : List.of(new long[] {1, 3, 1, 1}, new long[] {3, 1, 1})) {
            float[] scale = R.uniform(3, 0.5, 2);
            float[] shift = R.uniform(3, -1, 1);
            ModelProto m = new ModelBuilder("folded-bn").input("x", -1, 2, 5, 5)
                    .initializer("w", R.he(3 * 2 * 9, 18), 3, 2, 3, 3).initializer("b", R.uniform(3, -1, 1), 3)
                    .initializer("s", scale, perChannelShape).initializer("t", shift, perChannelShape)
                    .node("Conv").name("conv1").inputs("x", "w", "b").outputs("c").ints("pads", 1, 1, 1, 1).model()
                    .node("Mul").name("bn_scale").inputs("c", "s").outputs("cs").model()
                    .node("Add").name("bn_shift").inputs("cs", "t").outputs("y").model().output("y").build();
            Normalized n = Fusions.fuse(m);
            assertEquals(List.of("Conv"), Graphs.ops(n.model()));
            NodeProto conv = Graphs.node(n.model(), "conv1");
            assertEquals(List.of("y"), conv.getOutputList());
            assertEquals(List.of(1L, 1L, 1L, 1L), Graphs.attr(conv, "pads").orElseThrow().getIntsList());
            float[] w = Graphs.floats(m, "w");
            float[] fused = Graphs.floats(n.model(), conv.getInput(1));
            assertEquals(w[20] * scale[1], fused[20], 0f, "weights of output channel 1 are scaled by s[1]");
            float[] b = Graphs.floats(m, "b");
            assertEquals(b[2] * scale[2] + shift[2], Graphs.floats(n.model(), conv.getInput(2))[2], 1e-6f);
            assertTrue(n.model().getGraph().getInitializerList().stream().noneMatch(t -> t.getName().equals("s")));
            assertEquals(List.of("Conv 'conv1' + Mul 'bn_scale' + Add 'bn_shift' -> Conv 'conv1' (per-channel scale"
                    + " and shift folded into the weights and bias)"), n.changes());
            assertSameOutputs(m, n.model(), "y", 2, 2, 5, 5);
        }
    }

    @Test
    void convWithoutBiasAndOnlyAnAddGetsABias() {
        ModelProto m = new ModelBuilder("bias").input("x", -1, 1, 4, 4).initializer("w", R.he(2 * 4, 4), 2, 1, 2, 2)
                .initializer("t", new float[] {0.5f, -0.25f}, 1, 2, 1, 1)
                .node("Conv").name("conv").inputs("x", "w").outputs("c").model()
                .node("Add").name("bias").inputs("c", "t").outputs("y").model().output("y").build();
        ModelProto out = Fusions.fuse(m).model();
        NodeProto conv = Graphs.node(out, "conv");
        assertArrayEquals(new float[] {0.5f, -0.25f}, Graphs.floats(out, conv.getInput(2)));
        assertSameOutputs(m, out, "y", 1, 1, 4, 4);
    }

    @Test
    void aConstantThatIsNotPerChannelIsNotFolded() {
        ModelProto m = new ModelBuilder("not-per-channel").input("x", -1, 1, 4, 4)
                .initializer("w", R.he(2 * 4, 4), 2, 1, 2, 2).initializer("s", R.uniform(3, 1, 2), 1, 1, 1, 3)
                .node("Conv").name("conv").inputs("x", "w").outputs("c").model()
                .node("Mul").name("mul").inputs("c", "s").outputs("y").model().output("y").build();
        assertSame(m, Fusions.fuse(m).model());
    }

    @Test
    void aConvOutputReadTwiceIsNotFolded() {
        ModelProto m = new ModelBuilder("shared").input("x", -1, 1, 4, 4).initializer("w", R.he(8, 4), 2, 1, 2, 2)
                .initializer("s", new float[] {2, 3}, 2, 1, 1)
                .node("Conv").name("conv").inputs("x", "w").outputs("c").model()
                .node("Mul").name("mul").inputs("c", "s").outputs("m").model()
                .node("Add").name("skip").inputs("m", "c").outputs("y").model().output("y").build();
        assertSame(m, Fusions.fuse(m).model());
    }

    /** NHWC input -> T -> conv -> T -> relu -> T -> conv -> T: the middle pair cancels. */
    private static ModelBuilder nhwcSandwich() {
        return new ModelBuilder("nhwc").input("x", -1, 5, 5, 2)
                .initializer("w1", R.he(3 * 2 * 9, 18), 3, 2, 3, 3).initializer("w2", R.he(4 * 3 * 9, 27), 4, 3, 3, 3)
                .node("Transpose").name("to_nchw_1").inputs("x").outputs("a").ints("perm", 0, 3, 1, 2).model()
                .node("Conv").name("conv1").inputs("a", "w1").outputs("b").ints("pads", 1, 1, 1, 1).model()
                .node("Transpose").name("to_nhwc_1").inputs("b").outputs("c").ints("perm", 0, 2, 3, 1).model()
                .node("Relu").name("relu1").inputs("c").outputs("d").model()
                .node("Transpose").name("to_nchw_2").inputs("d").outputs("e").ints("perm", 0, 3, 1, 2).model()
                .node("Conv").name("conv2").inputs("e", "w2").outputs("f").ints("pads", 1, 1, 1, 1).model()
                .node("Transpose").name("to_nhwc_2").inputs("f").outputs("y").ints("perm", 0, 2, 3, 1).model()
                .output("y");
    }

    @Test
    void inverseTransposesAroundAnElementwiseOpCancel() {
        ModelProto m = nhwcSandwich().build();
        Normalized n = Fusions.fuse(m);
        assertEquals(List.of("to_nchw_1", "conv1", "relu1", "conv2", "to_nhwc_2"), Graphs.names(n.model()));
        assertEquals(List.of("b"), Graphs.node(n.model(), "relu1").getInputList());
        assertEquals(List.of("e"), Graphs.node(n.model(), "relu1").getOutputList());
        assertEquals(List.of("Transpose 'to_nhwc_1' [0, 2, 3, 1] and Transpose 'to_nchw_2' [0, 3, 1, 2] cancel:"
                + " removed (Relu 'relu1' now runs on the untransposed tensor)"), n.changes());
        assertSameOutputs(m, n.model(), "y", 2, 5, 5, 2);
    }

    @Test
    void transposesAreKeptWhenAnotherNodeSeesTheTransposedLayout() {
        ModelProto m = nhwcSandwich().node("Sigmoid").name("peek").inputs("c").outputs("p").model().output("p")
                .build();
        assertEquals(Graphs.names(m), Graphs.names(Fusions.fuse(m).model()));
    }

    @Test
    void transposesThatAreNotInverseAreKept() {
        ModelProto m = new ModelBuilder("t").input("x", -1, 2, 3, 4)
                .node("Transpose").name("t1").inputs("x").outputs("a").ints("perm", 0, 2, 3, 1).model()
                .node("Transpose").name("t2").inputs("a").outputs("y").ints("perm", 0, 2, 3, 1).model()
                .output("y").build();
        assertSame(m, Fusions.fuse(m).model());
        assertTrue(TransposeCancellation.inverse(new long[] {0, 2, 3, 1}, new long[] {0, 3, 1, 2}));
        assertTrue(!TransposeCancellation.inverse(new long[] {0, 2, 3, 1}, new long[] {0, 2, 3, 1}));
    }

    /** The reference evaluator (float64) gives the same outputs for both models on random input. */
    private static void assertSameOutputs(ModelProto before, ModelProto after, String output, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] x = R.normal(n, 1);
        double diff = Graphs.maxDiff(Graphs.eval(before, output, x, shape), Graphs.eval(after, output, x, shape));
        assertTrue(diff < 1e-5, "outputs differ by " + diff);
    }
}
