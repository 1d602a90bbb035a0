package dev.neurolens.engine.onnxruntime.normalize;

import static dev.neurolens.engine.onnxruntime.normalize.Onnx.f;
import static dev.neurolens.engine.onnxruntime.normalize.Onnx.floats;
import static dev.neurolens.engine.onnxruntime.normalize.Onnx.i;
import static dev.neurolens.engine.onnxruntime.normalize.Onnx.ints;
import static dev.neurolens.engine.onnxruntime.normalize.Onnx.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.normalize.ModelNormalizer;
import dev.neurolens.graph.normalize.Normalized;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rewrite of the opset upgrade on a model of the old opset: ONNX Runtime computes the same
 * outputs for the file's model and the upgraded one (which must be at opset 17).
 */
class UpgradedOutputsTest {
    private static final double TOLERANCE = 1e-5;

    /** Upgrades {@code m}, runs both on a random input of {@code shape} and compares every output. */
    private static Normalized assertSameOutputs(ModelProto m, int... shape) throws Exception {
        Normalized n = ModelNormalizer.normalize(m);
        assertEquals(17, n.model().getOpsetImport(0).getVersion());
        assertTrue(n.model().getIrVersion() >= 8);
        Tensor x = Onnx.input(shape.length * 31L + shape[shape.length - 1], shape);
        List<Tensor> before = Onnx.run(m, x);
        List<Tensor> after = Onnx.run(n.model(), x);
        assertEquals(before.size(), after.size());
        for (int k = 0; k < before.size(); k++) {
            double d = Onnx.relativeDifference(before.get(k), after.get(k));
            assertTrue(d <= TOLERANCE, "output " + k + " differs by " + d + " after " + n.changes());
        }
        return n;
    }

    private static NodeProto node(Normalized n, String name) {
        return n.model().getGraph().getNodeList().stream().filter(x -> x.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void pad2WithAConstantValueAndReflectMode() throws Exception {
        ModelProto constant = new Onnx.Model(9, -1, 2, 3, 3).ir(4)
                .node("Pad", "pad", "x", "y", ints("pads", 0, 0, 1, 2, 0, 0, 2, 1), f("value", 0.5f)).output("y")
                .build();
        assertEquals(3, node(assertSameOutputs(constant, 2, 2, 3, 3), "pad").getInputCount());
        ModelProto reflect = new Onnx.Model(10, -1, 2, 3, 3).ir(5)
                .node("Pad", "pad", "x", "y", ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), s("mode", "reflect")).output("y")
                .build();
        assertSameOutputs(reflect, 1, 2, 3, 3);
    }

    @Test
    void clip6Bounds() throws Exception {
        ModelProto m = new Onnx.Model(7, -1, 6).ir(3)
                .node("Clip", "both", "x", "a", f("min", -0.5f), f("max", 0.7f))
                .node("Clip", "upper", "a", "y", f("max", 0.2f)).output("y").build();
        assertSameOutputs(m, 3, 6);
    }

    @Test
    void squeezeUnsqueezeAndReduceSumTakeTheirAxesAsInputs() throws Exception {
        ModelProto m = new Onnx.Model(11, -1, 3, 1, 4).ir(6)
                .node("Squeeze", "sq", "x", "s", ints("axes", 2))
                .node("Unsqueeze", "unsq", "s", "u", ints("axes", -1))
                .node("ReduceSum", "sum", "u", "r", ints("axes", 1), i("keepdims", 0))
                .node("ReduceMean", "mean", "r", "y", ints("axes", 1)).output("y").build();
        assertSameOutputs(m, 2, 3, 1, 4);
    }

    @Test
    void softmaxFamilyKeepsItsCoerceTo2dMeaning() throws Exception {
        ModelProto rank4 = new Onnx.Model(11, -1, 3, 2, 2).ir(6).node("Softmax", "sm", "x", "y", i("axis", 1))
                .output("y").build();
        assertEquals(4, assertSameOutputs(rank4, 2, 3, 2, 2).model().getGraph().getNodeCount());
        ModelProto rank2 = new Onnx.Model(9, -1, 10).ir(4).node("Softmax", "sm", "x", "y").output("y").build();
        assertEquals(1, assertSameOutputs(rank2, 3, 10).model().getGraph().getNodeCount());
        ModelProto log = new Onnx.Model(12, -1, 2, 3, 4).ir(7).node("LogSoftmax", "lsm", "x", "y", i("axis", 1))
                .output("y").build();
        assertSameOutputs(log, 2, 2, 3, 4);
        ModelProto hard = new Onnx.Model(11, -1, 3, 4).ir(6).node("Hardmax", "hm", "x", "y", i("axis", 1))
                .output("y").build();
        assertSameOutputs(hard, 2, 3, 4);
    }

    @Test
    void upsampleBecomesResize() throws Exception {
        ModelProto nearest7 = new Onnx.Model(7, -1, 2, 3, 3).ir(3)
                .node("Upsample", "up", "x", "y", floats("scales", 1, 1, 2, 3)).output("y").build();
        assertEquals("Resize", node(assertSameOutputs(nearest7, 1, 2, 3, 3), "up").getOpType());
        ModelProto linear7 = new Onnx.Model(8, -1, 2, 3, 4).ir(3)
                .node("Upsample", "up", "x", "y", floats("scales", 1, 1, 2, 2), s("mode", "linear")).output("y")
                .build();
        assertSameOutputs(linear7, 2, 2, 3, 4);
        ModelProto nearest9 = new Onnx.Model(9, -1, 2, 3, 3).ir(4).weights("s", new float[] {1, 1, 3, 2}, 4)
                .node("Upsample", "up", List.of("x", "s"), List.of("y")).output("y").build();
        assertSameOutputs(nearest9, 1, 2, 3, 3);
        ModelProto linear9 = new Onnx.Model(9, -1, 1, 3, 3).ir(4).weights("s", new float[] {1, 1, 2, 2}, 4)
                .node("Upsample", "up", List.of("x", "s"), List.of("y"), s("mode", "linear")).output("y").build();
        assertSameOutputs(linear9, 1, 1, 3, 3);
    }

    @Test
    void resize10KeepsItsRoundingUpAndDown() throws Exception {
        ModelProto down = new Onnx.Model(10, -1, 1, 4, 4).ir(5).weights("s", new float[] {1, 1, 0.75f, 0.75f}, 4)
                .node("Resize", "rs", List.of("x", "s"), List.of("y")).output("y").build();
        assertEquals("ceil", node(assertSameOutputs(down, 1, 1, 4, 4), "rs").getAttributeList().stream()
                .filter(a -> a.getName().equals("nearest_mode")).findFirst().orElseThrow().getS().toStringUtf8());
        ModelProto up = new Onnx.Model(10, -1, 1, 3, 3).ir(5).weights("s", new float[] {1, 1, 1.5f, 2.5f}, 4)
                .node("Resize", "rs", List.of("x", "s"), List.of("y")).output("y").build();
        assertSameOutputs(up, 2, 1, 3, 3);
        ModelProto linear = new Onnx.Model(10, -1, 1, 4, 4).ir(5).weights("s", new float[] {1, 1, 0.75f, 1.5f}, 4)
                .node("Resize", "rs", List.of("x", "s"), List.of("y"), s("mode", "linear")).output("y").build();
        assertSameOutputs(linear, 1, 1, 4, 4);
    }

    @Test
    void batchNormalizationAndDropoutLoseTheirTrainingParts() throws Exception {
        ModelProto m = new Onnx.Model(7, -1, 2, 3, 3).ir(3).weights("g", new float[] {1.5f, 0.5f}, 2)
                .weights("b", new float[] {0.1f, -0.2f}, 2).weights("m", new float[] {0.3f, -0.1f}, 2)
                .weights("v", new float[] {2f, 0.5f}, 2)
                .node("BatchNormalization", "bn", List.of("x", "g", "b", "m", "v"), List.of("n"), i("spatial", 1),
                        f("epsilon", 1e-3f))
                .node("Dropout", "drop", List.of("n"), List.of("y", "mask"), f("ratio", 0.4f)).output("y").build();
        Normalized n = assertSameOutputs(m, 2, 2, 3, 3);
        assertEquals(List.of("y"), node(n, "drop").getOutputList());
    }

    @Test
    void sliceSplitAndTopKTakeTheirAttributesAsInputs() throws Exception {
        ModelProto m = new Onnx.Model(9, -1, 3, 8).ir(4)
                .node("Slice", "slice", "x", "s", ints("starts", 1, 2), ints("ends", 3, 100), ints("axes", 1, 2))
                .node("TopK", "top", List.of("s"), List.of("v", "idx"), i("k", 3))
                .output("v").build();
        assertSameOutputs(m, 2, 3, 8);
        ModelProto split = new Onnx.Model(11, -1, 3, 4).ir(6)
                .node("Split", "split", List.of("x"), List.of("a", "b"), i("axis", 1), ints("split", 1, 2))
                .output("a").output("b").build();
        assertSameOutputs(split, 2, 3, 4);
    }

    @Test
    void deprecatedScatterAndRoiAlignKeepTheirMeaning() throws Exception {
        ModelProto scatter = new Onnx.Model(9, 1, 6).ir(4).ints("idx", new long[] {4, 1}, 1, 2)
                .weights("upd", new float[] {10, 20}, 1, 2)
                .node("Scatter", "sc", List.of("x", "idx", "upd"), List.of("y"), i("axis", 1)).output("y").build();
        assertEquals("ScatterElements", node(assertSameOutputs(scatter, 1, 6), "sc").getOpType());
        ModelProto roi = new Onnx.Model(10, 1, 2, 6, 6).ir(5)
                .weights("rois", new float[] {0, 0, 4, 4, 1.5f, 0.5f, 5, 3.5f}, 2, 4).ints("which", 0, 0)
                .node("RoiAlign", "roi", List.of("x", "rois", "which"), List.of("y"), i("output_height", 2),
                        i("output_width", 3), i("sampling_ratio", 2))
                .output("y").build();
        assertEquals("output_half_pixel", node(assertSameOutputs(roi, 1, 2, 6, 6), "roi").getAttributeList().stream()
                .filter(a -> a.getName().equals("coordinate_transformation_mode")).findFirst().orElseThrow().getS()
                .toStringUtf8());
    }

    @Test
    void aSmallOpset9NetworkComputesTheSame() throws Exception {
        float[] w = Onnx.random(4 * 2 * 9, 1);
        ModelProto m = new Onnx.Model(9, -1, 2, 6, 6).ir(4).weights("w", w, 4, 2, 3, 3)
                .weights("g", new float[] {1, 2, 0.5f, 1}, 4).weights("b", new float[] {0, 0.1f, 0.2f, -0.1f}, 4)
                .weights("mean", new float[] {0.1f, 0, -0.1f, 0.2f}, 4).weights("var", new float[] {1, 2, 0.5f, 1}, 4)
                .weights("up", new float[] {1, 1, 2, 2}, 4).weights("fc", Onnx.random(4 * 16 * 5, 2), 5, 64)
                .weights("fcb", new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}, 5)
                .node("Conv", "conv", List.of("x", "w"), List.of("c"), ints("pads", 1, 1, 1, 1))
                .node("BatchNormalization", "bn", List.of("c", "g", "b", "mean", "var"), List.of("n"))
                .node("Relu", "relu", "n", "r")
                .node("MaxPool", "pool", "r", "p", ints("kernel_shape", 3, 3), ints("strides", 3, 3))
                .node("Upsample", "up2", List.of("p", "up"), List.of("u"))
                .node("Pad", "pad", "u", "q", ints("pads", 0, 0, 0, 0, 0, 0, 0, 0))
                .node("Flatten", "flat", "q", "f")
                .node("Gemm", "fc", List.of("f", "fc", "fcb"), List.of("logits"), i("transB", 1))
                .node("Softmax", "prob", "logits", "y").output("y").build();
        Normalized n = assertSameOutputs(m, 3, 2, 6, 6);
        assertTrue(n.graphRewritten());
    }
}
