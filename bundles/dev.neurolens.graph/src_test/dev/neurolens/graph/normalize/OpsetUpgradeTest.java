package dev.neurolens.graph.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rewritten graphs of {@link OpsetUpgrade}; ONNX Runtime checks their outputs in the engine bundle. */
class OpsetUpgradeTest {
    private static final RandomWeights R = new RandomWeights(3);

    private static ModelBuilder old(long opset, long ir, long... inputDims) {
        return new ModelBuilder("old").opset(opset).irVersion(ir).input("x", inputDims);
    }

    @Test
    void opset13ModelOnlyGetsTheImportAndIrRaised() {
        ModelProto m = old(13, 7, -1, 3, 4, 4).initializer("w", R.he(2 * 27, 27), 2, 3, 3, 3)
                .node("Conv").name("conv").inputs("x", "w").outputs("c").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("relu").inputs("c").outputs("y").model().output("y").build();
        Normalized n = OpsetUpgrade.upgrade(m);
        assertEquals(List.of("opset 13 -> 17", "IR version 7 -> 8 (opset 17 needs IR 8)"), n.changes());
        assertFalse(n.graphRewritten());
        assertEquals(17, Graphs.opset(n.model()));
        assertEquals(8, n.model().getIrVersion());
        assertSame(m.getGraph().getNodeList().get(0), n.model().getGraph().getNode(0), "nodes untouched");
        assertEquals(m.getGraph(), n.model().getGraph());
    }

    @Test
    void opset17ModelIsUnchanged() {
        ModelProto m = old(17, 8, -1, 4).node("Relu").name("r").inputs("x").outputs("y").model().output("y").build();
        Normalized n = OpsetUpgrade.upgrade(m);
        assertSame(m, n.model());
        assertTrue(n.changes().isEmpty());
    }

    @Test
    void otherDomainsAreKept() {
        ModelProto base = old(13, 7, -1, 4).node("Relu").name("r").inputs("x").outputs("y").model().output("y")
                .build();
        ModelProto m = base.toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft")
                .setVersion(1)).build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        assertEquals(2, up.getOpsetImportCount());
        assertEquals(1, up.getOpsetImportList().stream().filter(o -> o.getDomain().equals("com.microsoft"))
                .findFirst().orElseThrow().getVersion());
    }

    @Test
    void padAttributesBecomeInputs() {
        ModelProto m = old(9, 4, -1, 2, 3, 3).node("Pad").name("pad").inputs("x").outputs("y")
                .ints("pads", 0, 0, 1, 2, 0, 0, 2, 1).attr("value", 0.5f).model().output("y").build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        NodeProto pad = Graphs.node(up, "pad");
        assertEquals(3, pad.getInputCount());
        assertArrayEquals(new long[] {0, 0, 1, 2, 0, 0, 2, 1}, Graphs.longs(up, pad.getInput(1)));
        assertArrayEquals(new float[] {0.5f}, Graphs.floats(up, pad.getInput(2)));
        assertEquals(0, Graphs.constant(up, pad.getInput(2)).getDimsCount(), "constant_value is a scalar");
        assertTrue(Graphs.attr(pad, "pads").isEmpty());
        assertTrue(Graphs.attr(pad, "value").isEmpty());
    }

    @Test
    void padWithZeroValueAndReflectModeNeedsNoConstantValue() {
        ModelProto m = old(10, 5, -1, 2, 3, 3).node("Pad").name("pad").inputs("x").outputs("y")
                .ints("pads", 0, 0, 1, 1, 0, 0, 1, 1).attr("mode", "reflect").model().output("y").build();
        NodeProto pad = Graphs.node(OpsetUpgrade.upgrade(m).model(), "pad");
        assertEquals(2, pad.getInputCount());
        assertEquals("reflect", Graphs.text(pad, "mode"));
    }

    @Test
    void clipBoundsBecomeInputs() {
        ModelProto m = old(7, 3, -1, 4).node("Clip").name("both").inputs("x").outputs("a").attr("min", -1f)
                .attr("max", 6f).model().node("Clip").name("upper").inputs("a").outputs("y").attr("max", 2f).model()
                .output("y").build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        NodeProto both = Graphs.node(up, "both");
        assertArrayEquals(new float[] {-1f}, Graphs.floats(up, both.getInput(1)));
        assertArrayEquals(new float[] {6f}, Graphs.floats(up, both.getInput(2)));
        NodeProto upper = Graphs.node(up, "upper");
        assertEquals("", upper.getInput(1), "no min: the optional input is left out");
        assertArrayEquals(new float[] {2f}, Graphs.floats(up, upper.getInput(2)));
        assertEquals(0, upper.getAttributeCount());
    }

    @Test
    void axesAttributesBecomeInputsButReduceMeanKeepsItsAttribute() {
        ModelProto m = old(11, 6, -1, 3, 1, 4).node("Squeeze").name("sq").inputs("x").outputs("s").ints("axes", 2)
                .model().node("Unsqueeze").name("unsq").inputs("s").outputs("u").ints("axes", -1).model()
                .node("ReduceSum").name("sum").inputs("u").outputs("r").ints("axes", 1).attr("keepdims", 0).model()
                .node("ReduceMean").name("mean").inputs("r").outputs("y").ints("axes", 1).model().output("y")
                .build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        assertArrayEquals(new long[] {2}, Graphs.longs(up, Graphs.node(up, "sq").getInput(1)));
        assertArrayEquals(new long[] {-1}, Graphs.longs(up, Graphs.node(up, "unsq").getInput(1)));
        NodeProto sum = Graphs.node(up, "sum");
        assertArrayEquals(new long[] {1}, Graphs.longs(up, sum.getInput(1)));
        assertEquals(0, Graphs.attr(sum, "keepdims").orElseThrow().getI());
        NodeProto mean = Graphs.node(up, "mean");
        assertEquals(1, mean.getInputCount(), "ReduceMean takes axes as an input only from opset 18");
        assertTrue(Graphs.attr(mean, "axes").isPresent());
    }

    @Test
    void squeezeWithoutAxesStaysWithoutAxes() {
        ModelProto m = old(11, 6, -1, 1, 4).node("Squeeze").name("sq").inputs("x").outputs("y").model().output("y")
                .build();
        Normalized n = OpsetUpgrade.upgrade(m);
        assertEquals(1, Graphs.node(n.model(), "sq").getInputCount());
    }

    @Test
    void sliceAttributesBecomeInputs() {
        ModelProto m = old(9, 4, -1, 3, 8).node("Slice").name("slice").inputs("x").outputs("y")
                .ints("starts", 1, 2).ints("ends", 3, 100).ints("axes", 1, 2).model().output("y").build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        NodeProto slice = Graphs.node(up, "slice");
        assertEquals(4, slice.getInputCount());
        assertArrayEquals(new long[] {1, 2}, Graphs.longs(up, slice.getInput(1)));
        assertArrayEquals(new long[] {3, 100}, Graphs.longs(up, slice.getInput(2)));
        assertArrayEquals(new long[] {1, 2}, Graphs.longs(up, slice.getInput(3)));
    }

    @Test
    void softmaxOverTrailingAxesOfA4dInputIsSpelledOut() {
        ModelProto m = old(11, 6, -1, 3, 2, 2).node("Softmax").name("sm").inputs("x").outputs("y").attr("axis", 1)
                .model().output("y", -1, 3, 2, 2).build();
        Normalized n = OpsetUpgrade.upgrade(m);
        ModelProto up = n.model();
        assertEquals(List.of("Shape", "Flatten", "Softmax", "Reshape"), Graphs.ops(up));
        NodeProto sm = Graphs.node(up, "sm");
        assertEquals(1, Graphs.attr(sm, "axis").orElseThrow().getI());
        NodeProto flatten = up.getGraph().getNode(1);
        assertEquals(1, Graphs.attr(flatten, "axis").orElseThrow().getI());
        assertEquals(flatten.getOutput(0), sm.getInput(0));
        NodeProto reshape = up.getGraph().getNode(3);
        assertEquals("y", reshape.getOutput(0), "the original output name is kept");
        assertEquals(up.getGraph().getNode(0).getOutput(0), reshape.getInput(1));
        assertTrue(n.changes().stream().anyMatch(c -> c.contains("Flatten -> Softmax(axis=1) -> Reshape")));
    }

    @Test
    void softmaxOverTheLastAxisStaysOneNode() {
        ModelProto m = old(11, 6, -1, 10).node("Softmax").name("sm").inputs("x").outputs("y").model()
                .output("y", -1, 10).build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        assertEquals(List.of("Softmax"), Graphs.ops(up));
        assertEquals(1, Graphs.attr(Graphs.node(up, "sm"), "axis").orElseThrow().getI(),
                "the old default axis 1 is stated, as 13 defaults to -1 (the same axis here)");
    }

    @Test
    void logSoftmaxOfUnknownRankTakesTheGeneralPath() {
        ModelProto m = old(12, 7, -1, 3).node("Relu").name("r").inputs("x").outputs("a").model()
                .node("LogSoftmax").name("lsm").inputs("a").outputs("y").attr("axis", 1).model().output("y").build();
        ModelProto stripped = m.toBuilder().setGraph(m.getGraph().toBuilder().clearInput().addInput(
                m.getGraph().getInput(0).toBuilder().clearType())).build();
        assertEquals(List.of("Relu", "Shape", "Flatten", "LogSoftmax", "Reshape"),
                Graphs.ops(OpsetUpgrade.upgrade(stripped).model()));
    }

    @Test
    void upsample7BecomesResizeWithTheOldArithmetic() {
        ModelProto m = old(7, 3, -1, 2, 3, 3).node("Upsample").name("up").inputs("x").outputs("y")
                .floats("scales", 1f, 1f, 2f, 3f).model().output("y").build();
        Normalized n = OpsetUpgrade.upgrade(m);
        NodeProto resize = Graphs.node(n.model(), "up");
        assertEquals("Resize", resize.getOpType());
        assertEquals(List.of("x", ""), resize.getInputList().subList(0, 2));
        assertArrayEquals(new float[] {1f, 1f, 2f, 3f}, Graphs.floats(n.model(), resize.getInput(2)));
        assertEquals("nearest", Graphs.text(resize, "mode"));
        assertEquals("asymmetric", Graphs.text(resize, "coordinate_transformation_mode"));
        assertEquals("floor", Graphs.text(resize, "nearest_mode"));
        assertTrue(n.graphRewritten());
    }

    @Test
    void upsample9LinearReadsTheSameScalesInput() {
        ModelProto m = old(9, 4, -1, 2, 3, 3).initializer("s", new float[] {1, 1, 2, 2}, 4)
                .node("Upsample").name("up").inputs("x", "s").outputs("y").attr("mode", "linear").model()
                .output("y").build();
        NodeProto resize = Graphs.node(OpsetUpgrade.upgrade(m).model(), "up");
        assertEquals(List.of("x", "", "s"), resize.getInputList());
        assertEquals("linear", Graphs.text(resize, "mode"));
        assertTrue(Graphs.attr(resize, "nearest_mode").isEmpty());
    }

    @Test
    void resize10RoundsDownsamplingUpAndRefusesMixedScales() {
        ModelProto down = old(10, 5, -1, 2, 4, 4).initializer("s", new float[] {1, 1, 0.5f, 0.75f}, 4)
                .node("Resize").name("rs").inputs("x", "s").outputs("y").model().output("y").build();
        assertEquals("ceil", Graphs.text(Graphs.node(OpsetUpgrade.upgrade(down).model(), "rs"), "nearest_mode"));
        ModelProto mixed = old(10, 5, -1, 2, 4, 4).initializer("s", new float[] {1, 1, 0.5f, 2f}, 4)
                .node("Resize").name("rs").inputs("x", "s").outputs("y").model().output("y").build();
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(mixed));
        assertEquals("cannot upgrade Resize node 'rs' from opset 10 to 17: it upsamples some axes and downsamples"
                + " others, which Resize-10 rounds differently and Resize-13 cannot express", e.getMessage());
    }

    @Test
    void batchNormalizationLosesTrainingOnlyAttributesAndUnusedOutputs() {
        ModelProto m = bn(7).node("BatchNormalization").name("bn").inputs("x", "g", "b", "m", "v")
                .outputs("y", "mean", "var").attr("spatial", 1L).attr("epsilon", 1e-3f).model().output("y").build();
        NodeProto bn = Graphs.node(OpsetUpgrade.upgrade(m).model(), "bn");
        assertEquals(List.of("y"), bn.getOutputList());
        assertTrue(Graphs.attr(bn, "spatial").isEmpty());
        assertEquals(1e-3f, Graphs.attr(bn, "epsilon").orElseThrow().getF());
    }

    @Test
    void batchNormalizationRefusals() {
        ModelProto perActivation = bn(8).node("BatchNormalization").name("bn").inputs("x", "g", "b", "m", "v")
                .outputs("y").attr("spatial", 0L).model().output("y").build();
        assertEquals("cannot upgrade BatchNormalization node 'bn' from opset 8 to 17: spatial=0 (statistics per"
                + " activation, not per channel) was removed in BatchNormalization-9",
                assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(perActivation)).getMessage());
        ModelProto usesMean = bn(12).node("BatchNormalization").name("bn").inputs("x", "g", "b", "m", "v")
                .outputs("y", "mean").model().output("y").output("mean").build();
        assertEquals("cannot upgrade BatchNormalization node 'bn' from opset 12 to 17: the model reads its output 2"
                + " 'mean', which exists only in training mode since BatchNormalization-14",
                assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(usesMean)).getMessage());
    }

    private static ModelBuilder bn(long opset) {
        return old(opset, 3, -1, 2, 3, 3).initializer("g", new float[] {1, 2}, 2).initializer("b", new float[] {0, 1}, 2)
                .initializer("m", new float[] {0.5f, -0.5f}, 2).initializer("v", new float[] {1, 4}, 2);
    }

    @Test
    void dropoutLosesItsRatioAndAnUnusedOldMask() {
        ModelProto m = old(7, 3, -1, 4).node("Dropout").name("drop").inputs("x").outputs("y", "mask")
                .attr("ratio", 0.3f).model().output("y").build();
        NodeProto drop = Graphs.node(OpsetUpgrade.upgrade(m).model(), "drop");
        assertEquals(List.of("y"), drop.getOutputList());
        assertEquals(0, drop.getAttributeCount());
        ModelProto usesMask = old(7, 3, -1, 4).node("Dropout").name("drop").inputs("x").outputs("y", "mask")
                .model().node("Add").name("add").inputs("y", "mask").outputs("z").model().output("z").build();
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(usesMask));
        assertTrue(e.getMessage().contains("Dropout node 'drop'") && e.getMessage().contains("'mask'"), e.getMessage());
    }

    @Test
    void deprecatedScatterBecomesScatterElementsAndTopKGetsItsKInput() {
        ModelProto m = old(9, 4, -1, 6).initializer("u", new float[] {1, 2}, 1, 2)
                .int64Initializer("i", new long[] {0, 3}, 1, 2)
                .node("Scatter").name("sc").inputs("x", "i", "u").outputs("s").attr("axis", 1L).model()
                .node("TopK").name("top").inputs("s").outputs("v", "idx").attr("k", 2L).model().output("v").build();
        ModelProto up = OpsetUpgrade.upgrade(m).model();
        assertEquals("ScatterElements", Graphs.node(up, "sc").getOpType());
        assertArrayEquals(new long[] {2}, Graphs.longs(up, Graphs.node(up, "top").getInput(1)));
    }

    @Test
    void refusalsNameWhatIsWrong() {
        ModelProto opset6 = old(6, 3, -1, 4).node("Relu").name("r").inputs("x").outputs("y").model().output("y")
                .build();
        assertTrue(assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(opset6)).getMessage()
                .startsWith("the model uses ONNX opset 6; NeuroLens upgrades opset 7 and newer"));
        ModelProto opset18 = old(18, 8, -1, 4).node("Relu").name("r").inputs("x").outputs("y").model().output("y")
                .build();
        assertEquals("the model uses ONNX opset 18, newer than opset 17 that NeuroLens runs explanations at",
                assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(opset18)).getMessage());
        ModelProto ir11 = old(17, 11, -1, 4).node("Relu").name("r").inputs("x").outputs("y").model().output("y")
                .build();
        assertTrue(assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(ir11)).getMessage()
                .contains("IR version 11"));
        ModelProto scan8 = old(8, 3, -1, 4).node("Scan").name("loop").inputs("", "x").outputs("y").model()
                .output("y").build();
        assertEquals("cannot upgrade Scan node 'loop' from opset 8 to 17: Scan-9 dropped the batch axis of Scan-8"
                + " (sequence_lens input removed)",
                assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(scan8)).getMessage());
    }

    @Test
    void subgraphsThatWouldNeedARewriteAreRefused() {
        ModelProto body = old(11, 6, 1, 4).node("Squeeze").name("inner").inputs("x").outputs("s").ints("axes", 0)
                .model().output("s").build();
        GraphProto branch = body.getGraph().toBuilder().clearInput().build();
        ModelProto m = old(11, 6, 1).node("If").name("cond").inputs("x").outputs("y")
                .model().output("y").build();
        NodeProto withBranches = m.getGraph().getNode(0).toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(branch))
                .addAttribute(AttributeProto.newBuilder().setName("else_branch").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(branch))
                .build();
        ModelProto withIf = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(0, withBranches)).build();
        assertEquals("cannot upgrade Squeeze node 'inner' in the subgraph of If node 'cond' from opset 11 to 17:"
                + " NeuroLens does not rewrite subgraphs",
                assertThrows(NeuroLensException.class, () -> OpsetUpgrade.upgrade(withIf)).getMessage());
    }

    @Test
    void ir3InitializersLeaveTheInputs() {
        ModelProto m = old(7, 3, -1, 4).initializer("w", new float[] {1, 2, 3, 4}, 4)
                .node("Mul").name("mul").inputs("x", "w").outputs("y").model().output("y").build();
        ModelProto listed = m.toBuilder().setGraph(m.getGraph().toBuilder().addInput(
                m.getGraph().getInput(0).toBuilder().setName("w"))).build();
        Normalized n = OpsetUpgrade.upgrade(listed);
        assertEquals(List.of("x"), n.model().getGraph().getInputList().stream().map(v -> v.getName()).toList());
        assertTrue(n.changes().get(2).startsWith("initializers are no longer listed among the graph inputs"));
        assertFalse(n.graphRewritten());
    }
}
