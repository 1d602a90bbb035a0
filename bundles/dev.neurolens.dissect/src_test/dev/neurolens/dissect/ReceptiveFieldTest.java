package dev.neurolens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The receptive field from the recurrences against brute force: on hand-built models with
 * positive weights, the input pixels that change a layer position when perturbed (evaluated in
 * float64 by the reference evaluator) have exactly the region's bounding box, clipped to the image.
 */
class ReceptiveFieldTest {
    private static final int H = 19;
    private static final int W = 17;

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }

    private static ModelBuilder input() {
        return new ModelBuilder("rf").input("x", 1, 1, H, W);
    }

    /** conv 3x3 p1 - relu - maxpool 2 s2 - conv 3x3 s2 p1 dilation {@code d} - avgpool 3 s1 p1. */
    private static ModelProto chain(int dilation) {
        return input()
                .initializer("w1", ones(9), 1, 1, 3, 3)
                .initializer("w2", ones(9), 1, 1, 3, 3)
                .node("Conv").name("c1").inputs("x", "w1").outputs("a").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("r1").inputs("a").outputs("b").model()
                .node("MaxPool").name("p1").inputs("b").outputs("c").ints("kernel_shape", 2, 2).ints("strides", 2, 2)
                .model()
                .node("Conv").name("c2").inputs("c", "w2").outputs("d").ints("strides", 2, 2)
                .ints("pads", 1, 1, 1, 1).ints("dilations", dilation, dilation).model()
                .node("AveragePool").name("p2").inputs("d").outputs("e").ints("kernel_shape", 3, 3)
                .ints("pads", 1, 1, 1, 1).model()
                .output("e")
                .build();
    }

    /** A residual block with a strided 3x3 main branch and a strided 1x1 shortcut, then a 5x3 conv with asymmetric pads. */
    private static ModelProto residual() {
        return input()
                .initializer("w1", ones(9), 1, 1, 3, 3)
                .initializer("w2", ones(9), 1, 1, 3, 3)
                .initializer("ws", ones(1), 1, 1, 1, 1)
                .initializer("w3", ones(15), 1, 1, 5, 3)
                .node("Conv").name("c1").inputs("x", "w1").outputs("a").ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
                .model()
                .node("Relu").name("r1").inputs("a").outputs("b").model()
                .node("Conv").name("c2").inputs("b", "w2").outputs("c").ints("pads", 1, 1, 1, 1).model()
                .node("Conv").name("sc").inputs("x", "ws").outputs("s").ints("strides", 2, 2).model()
                .node("Add").name("add").inputs("c", "s").outputs("d").model()
                .node("Conv").name("c3").inputs("d", "w3").outputs("e").ints("pads", 2, 0, 1, 2).model()
                .output("e")
                .build();
    }

    @Test
    void chainMatchesBruteForce() {
        ModelProto m = chain(1);
        for (String layer : new String[] {"a", "c", "d", "e"}) {
            check(m, layer, true);
        }
    }

    /**
     * With dilation the kernel has gaps, and a tap that lands on padding leaves the pixels between
     * it and the image unseen: the field (the taps' bounding box) then contains the true support.
     */
    @Test
    void dilatedFieldContainsTheSupport() {
        ModelProto m = chain(2);
        for (String layer : new String[] {"d", "e"}) {
            check(m, layer, false);
        }
        ReceptiveField f = ReceptiveField.of(m, "c2");
        // by hand (jump, size, start): conv3 p1 -> (1, 3, 0); pool2 s2 -> (2, 4, 0.5);
        // conv3 dilation 2 (k' = 5) s2 p1 -> (4, 4 + 4·2 = 12, 0.5 + (2 - 1)·2 = 2.5)
        assertEquals(4, f.jumpY());
        assertEquals(12, f.sizeY());
        assertEquals(2.5, f.startY());
    }

    @Test
    void residualMatchesBruteForce() {
        ModelProto m = residual();
        for (String layer : new String[] {"a", "d", "e"}) {
            check(m, layer, true);
        }
    }

    /**
     * ResNet "option A" shortcut: a strided Slice of the input added to a strided conv branch;
     * then an explicit Pad before an unpadded conv.
     */
    @Test
    void sliceShortcutAndExplicitPad() {
        ModelProto m = input()
                .initializer("w1", ones(9), 1, 1, 3, 3)
                .initializer("w2", ones(9), 1, 1, 3, 3)
                .int64Vector("starts", 0, 0)
                .int64Vector("ends", Long.MAX_VALUE, Long.MAX_VALUE)
                .int64Vector("axes", 2, 3)
                .int64Vector("steps", 2, 2)
                .int64Vector("pads", 0, 0, 2, 1, 0, 0, 0, 1)
                .node("Conv").name("c1").inputs("x", "w1").outputs("a").ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
                .model()
                .node("Slice").name("sc").inputs("x", "starts", "ends", "axes", "steps").outputs("s").model()
                .node("Add").name("add").inputs("a", "s").outputs("b").model()
                .node("Pad").name("pad").inputs("b", "pads").outputs("p").model()
                .node("Conv").name("c2").inputs("p", "w2").outputs("e").model()
                .output("e")
                .build();
        for (String layer : new String[] {"s", "b", "p", "e"}) {
            check(m, layer, true);
        }
    }

    @Test
    void unknownGeometryNamesTheNode() {
        ModelProto m = input()
                .initializer("scales", new float[] {1, 1, 2, 2}, 4)
                .node("Resize").name("up").inputs("x", "", "scales").outputs("y").attr("mode", "nearest").model()
                .node("Relu").name("r").inputs("y").outputs("z").model()
                .output("z").build();
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> ReceptiveField.of(m, "z"));
        assertTrue(e.getMessage().contains("Resize") && e.getMessage().contains("'up'"), e.getMessage());
        assertThrows(NeuroLensException.class, () -> ReceptiveField.of(m, "nope"));
    }

    private static void check(ModelProto model, String layer, boolean exact) {
        ReferenceEvaluator eval = new ReferenceEvaluator();
        DoubleTensor base = DoubleTensor.ofFloats(ones(H * W), 1, 1, H, W);
        DoubleTensor out = eval.evaluate(model, Map.of("x", base)).get(layer);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int[][] top = new int[oh * ow][];
        for (int p = 0; p < H * W; p++) {
            DoubleTensor changed = eval.evaluate(model, Map.of("x", base.with(p, 101))).get(layer);
            for (int q = 0; q < oh * ow; q++) {
                if (changed.get(q) != out.get(q)) {
                    int y = p / W;
                    int x = p % W;
                    int[] b = top[q];
                    top[q] = b == null ? new int[] {y, x, y, x}
                            : new int[] {Math.min(b[0], y), Math.min(b[1], x), Math.max(b[2], y), Math.max(b[3], x)};
                }
            }
        }
        ReceptiveField field = ReceptiveField.of(model, layer);
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                int[] b = top[i * ow + j];
                if (b == null) {
                    // a position in padding sees no pixel: its field lies outside the image
                    Region r = field.region(i, j).clip(H, W);
                    assertTrue(r.top() > r.bottom() || r.left() > r.right(), layer + " at (" + i + ", " + j + "): " + r);
                    continue;
                }
                Region support = new Region(b[0], b[1], b[2], b[3]);
                Region region = field.region(i, j).clip(H, W);
                String where = "layer " + layer + " at (" + i + ", " + j + ")";
                if (exact) {
                    assertEquals(support, region, where);
                } else {
                    assertTrue(region.contains(support.top(), support.left())
                            && region.contains(support.bottom(), support.right()), where + ": " + region + " vs " + support);
                }
            }
        }
    }
}
