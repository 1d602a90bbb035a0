package dev.neurolens.graph.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.reference.DoubleTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizeRewriteTest {
    private static final RandomWeights R = new RandomWeights(11);

    /** conv 2x3x3x3 (pad 1) -> relu -> Reshape(shape) -> Gemm to 5 classes, on 3x4x4 images. */
    static ModelBuilder convReshapeGemm(long batch, long... shape) {
        return new ModelBuilder("baked").input("x", batch, 3, 4, 4)
                .initializer("w", R.he(2 * 27, 27), 2, 3, 3, 3).initializer("fc", R.he(32 * 5, 32), 32, 5)
                .int64Vector("shape", shape)
                .node("Conv").name("conv").inputs("x", "w").outputs("c").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("relu").inputs("c").outputs("r").model()
                .node("Reshape").name("flatten").inputs("r", "shape").outputs("f").model()
                .node("Gemm").name("fc").inputs("f", "fc").outputs("logits").model()
                .output("logits", batch, 5);
    }

    @Test
    void reshapeToOneByMinusOneCopiesTheBatch() {
        ModelProto m = convReshapeGemm(-1, 1, -1).build();
        Normalized n = BatchSizeRewrite.rewrite(m);
        NodeProto reshape = Graphs.node(n.model(), "flatten");
        assertArrayEquals(new long[] {0, -1}, Graphs.longs(n.model(), reshape.getInput(1)));
        assertEquals(List.of("Reshape 'flatten': shape constant [1, -1] -> [0, -1] (the export baked the batch size 1"
                + " into it)"), n.changes());
        assertTrue(n.model().getGraph().getInitializerList().stream().noneMatch(t -> t.getName().equals("shape")),
                "the old constant is unused and dropped");
        assertTrue(n.graphRewritten());
    }

    @Test
    void reshapeWithoutMinusOneInfersTheBatch() {
        ModelProto m = convReshapeGemm(-1, 1, 32).build();
        ModelProto out = BatchSizeRewrite.rewrite(m).model();
        assertArrayEquals(new long[] {-1, 32}, Graphs.longs(out, Graphs.node(out, "flatten").getInput(1)));
    }

    @Test
    void rewrittenModelRunsAtBatchThreeAsThreeSingleImages() {
        ModelProto out = BatchSizeRewrite.rewrite(convReshapeGemm(-1, 1, -1).build()).model();
        float[] images = R.normal(3 * 48, 1);
        DoubleTensor batch = Graphs.eval(out, "logits", images, 3, 3, 4, 4);
        assertArrayEquals(new int[] {3, 5}, batch.shape());
        for (int i = 0; i < 3; i++) {
            float[] one = java.util.Arrays.copyOfRange(images, i * 48, (i + 1) * 48);
            DoubleTensor single = Graphs.eval(out, "logits", one, 1, 3, 4, 4);
            for (int k = 0; k < 5; k++) {
                assertEquals(single.get(k), batch.get(i * 5 + k), 1e-9);
            }
        }
    }

    @Test
    void fixedBatchOneBecomesSymbolicWhenEveryNodeIsBatchAgnostic() {
        Normalized n = BatchSizeRewrite.rewrite(convReshapeGemm(1, 1, -1).build());
        assertEquals("batch", Graphs.firstDim(n.model(), "x"));
        assertEquals("batch", Graphs.firstDim(n.model(), "logits"));
        assertEquals(2, n.changes().size());
        assertTrue(n.changes().get(1).startsWith("input 'x': batch size 1 -> symbolic 'batch'"), n.changes().get(1));
    }

    @Test
    void fixedBatchOneStaysWhenANodeJoinsTheBatchWithAConstant() {
        ModelProto m = new ModelBuilder("concat").input("x", 1, 4).initializer("c", new float[] {1, 2}, 1, 2)
                .node("Concat").name("cat").inputs("x", "c").outputs("y").attr("axis", 1L).model()
                .output("y", 1, 6).build();
        Normalized n = BatchSizeRewrite.rewrite(m);
        assertSame(m, n.model());
        assertTrue(n.changes().isEmpty());
    }

    @Test
    void fixedBatchAboveOneIsLeftAlone() {
        ModelProto m = convReshapeGemm(4, 4, -1).build();
        assertSame(m, BatchSizeRewrite.rewrite(m).model());
    }

    @Test
    void dynamicExportsAreLeftAlone() {
        ModelProto m = new ModelBuilder("torch-flatten").input("x", -1, 2, 3)
                .int64Vector("zero", 0).int64Vector("axes", 0).int64Vector("rest", -1)
                .node("Shape").name("shape").inputs("x").outputs("s").model()
                .node("Gather").name("batch").inputs("s", "zero").outputs("b").model()
                .node("Concat").name("cat").inputs("b", "rest").outputs("target").attr("axis", 0L).model()
                .node("Reshape").name("flat").inputs("x", "target").outputs("y").model()
                .output("y", -1, 6).build();
        assertTrue(BatchSizeRewrite.rewrite(m).changes().isEmpty());
        ModelProto fixed = m.toBuilder().setGraph(m.getGraph().toBuilder().setInput(0, new ModelBuilder("t")
                .input("x", 1, 2, 3).node("Relu").inputs("x").outputs("q").model().output("q").build().getGraph()
                .getInput(0))).build();
        Normalized n = BatchSizeRewrite.rewrite(fixed);
        assertEquals("batch", Graphs.firstDim(n.model(), "x"), n.changes().toString());
    }

    @Test
    void aLeadingOneOnDataWithoutAKnownBatchAxisIsRefused() {
        ModelProto m = new ModelBuilder("moved").input("x", -1, 3, 4).int64Vector("shape", 1, -1)
                .node("Transpose").name("swap").inputs("x").outputs("t").ints("perm", 1, 0, 2).model()
                .node("Reshape").name("flat").inputs("t", "shape").outputs("y").model().output("y").build();
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> BatchSizeRewrite.rewrite(m));
        assertEquals("cannot make the batch dynamic: Reshape 'flat' to the constant [1, -1] ('shape'): its data 't'"
                + " has no known batch axis, so whether the leading 1 is the batch size cannot be decided",
                e.getMessage());
    }

    @Test
    void theOutputsRecordedBatchSizeCountsAsBaked() {
        ModelProto m = convReshapeGemm(-1, 2, -1).build();
        ModelProto withOutput = m.toBuilder().setGraph(m.getGraph().toBuilder().setOutput(0,
                convReshapeGemm(2, 2, -1).build().getGraph().getOutput(0))).build();
        ModelProto out = BatchSizeRewrite.rewrite(withOutput).model();
        assertArrayEquals(new long[] {0, -1}, Graphs.longs(out, Graphs.node(out, "flatten").getInput(1)));
        assertEquals("batch", Graphs.firstDim(out, "logits"));
    }
}
