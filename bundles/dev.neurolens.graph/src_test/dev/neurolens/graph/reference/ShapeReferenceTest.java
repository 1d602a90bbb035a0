package dev.neurolens.graph.reference;

import static dev.neurolens.graph.reference.Models.eval;
import static dev.neurolens.graph.reference.Models.iota;
import static dev.neurolens.graph.reference.Models.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.TensorProtos;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import org.junit.jupiter.api.Test;

/** Data movement, slicing, padding, resizing and constant shape arithmetic, by hand. */
class ShapeReferenceTest {
    private static final double EPS = 1e-12;

    @Test
    void reshapeFlattenTranspose() {
        ModelBuilder reshape = withInput(2, 3, 4).int64Vector("s", 0, -1);
        reshape.node("Reshape").inputs("x", "s").outputs("y");
        assertArrayEquals(new int[] {2, 12}, eval(reshape, "y", iota(2, 3, 4)).shape());
        ModelBuilder flatten = withInput(2, 3, 4);
        flatten.node("Flatten").inputs("x").outputs("y").attr("axis", 2);
        assertArrayEquals(new int[] {6, 4}, eval(flatten, "y", iota(2, 3, 4)).shape());
        ModelBuilder flatten0 = withInput(2, 3, 4);
        flatten0.node("Flatten").inputs("x").outputs("y").attr("axis", 0);
        assertArrayEquals(new int[] {1, 24}, eval(flatten0, "y", iota(2, 3, 4)).shape());
        ModelBuilder transpose = withInput(2, 3, 4);
        transpose.node("Transpose").inputs("x").outputs("y").ints("perm", 2, 0, 1);
        DoubleTensor t = eval(transpose, "y", iota(2, 3, 4));
        assertArrayEquals(new int[] {4, 2, 3}, t.shape());
        assertEquals(1 * 12 + 2 * 4 + 3, t.at(3, 1, 2));
        ModelBuilder reverse = withInput(2, 3);
        reverse.node("Transpose").inputs("x").outputs("y");
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, eval(reverse, "y", iota(2, 3)).values(), EPS);
    }

    @Test
    void squeezeUnsqueezeConcatGather() {
        ModelBuilder squeeze = withInput(1, 3, 1).int64Vector("axes", -1);
        squeeze.node("Squeeze").inputs("x", "axes").outputs("y");
        assertArrayEquals(new int[] {1, 3}, eval(squeeze, "y", iota(1, 3, 1)).shape());
        ModelBuilder squeezeAll = withInput(1, 3, 1);
        squeezeAll.node("Squeeze").inputs("x").outputs("y");
        assertArrayEquals(new int[] {3}, eval(squeezeAll, "y", iota(1, 3, 1)).shape());
        ModelBuilder unsqueeze = withInput(3).int64Vector("axes", 0, -1);
        unsqueeze.node("Unsqueeze").inputs("x", "axes").outputs("y");
        assertArrayEquals(new int[] {1, 3, 1}, eval(unsqueeze, "y", iota(3)).shape());
        ModelBuilder concat = withInput(2, 1).initializer("c", new float[] {7, 8, 9, 10}, 2, 2);
        concat.node("Concat").inputs("x", "c").outputs("y").attr("axis", -1);
        assertArrayEquals(new double[] {0, 7, 8, 1, 9, 10}, eval(concat, "y", iota(2, 1)).values(), EPS);
        ModelBuilder gather = withInput(2, 3).int64Vector("i", -1, 0);
        gather.node("Gather").inputs("x", "i").outputs("y").attr("axis", 1);
        assertArrayEquals(new double[] {2, 0, 5, 3}, eval(gather, "y", iota(2, 3)).values(), EPS);
    }

    @Test
    void sliceWithNegativeAndClampedBoundsAndSteps() {
        assertArrayEquals(new double[] {9, 7, 5, 3, 1}, slice(-1, Long.MIN_VALUE, -2).values(), EPS);
        assertArrayEquals(new double[] {2, 5, 8}, slice(2, 1000, 3).values(), EPS);
        assertArrayEquals(new double[] {7, 8}, slice(-3, -1, 1).values(), EPS);
        assertArrayEquals(new int[] {0}, slice(5, 2, 1).shape());
        assertArrayEquals(new double[] {5, 4, 3}, slice(5, 2, -1).values(), EPS);
        ModelBuilder axes = withInput(3, 4).int64Vector("s", 1).int64Vector("e", -1).int64Vector("a", -1);
        axes.node("Slice").inputs("x", "s", "e", "a").outputs("y");
        assertArrayEquals(new double[] {1, 2, 5, 6, 9, 10}, eval(axes, "y", iota(3, 4)).values(), EPS);
    }

    private static DoubleTensor slice(long start, long end, long step) {
        ModelBuilder m = withInput(10).int64Vector("s", start).int64Vector("e", end).int64Vector("a", 0)
                .int64Vector("st", step);
        m.node("Slice").inputs("x", "s", "e", "a", "st").outputs("y");
        return eval(m, "y", iota(10));
    }

    @Test
    void padModes() {
        DoubleTensor x = DoubleTensor.of(new double[] {1, 2, 3}, 3);
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 2, 1}, pad(x, "reflect", 2, 2).values(), EPS);
        assertArrayEquals(new double[] {1, 1, 1, 2, 3, 3, 3}, pad(x, "edge", 2, 2).values(), EPS);
        assertArrayEquals(new double[] {5, 5, 1, 2, 3, 5, 5}, pad(x, "constant", 2, 2).values(), EPS);
        assertArrayEquals(new double[] {2, 3, 5}, pad(x, "constant", -1, 1).values(), EPS);
        ModelBuilder axes = withInput(2, 2).int64Vector("p", 1, 0).int64Vector("axes", 1);
        axes.node("Pad").inputs("x", "p", "", "axes").outputs("y");
        DoubleTensor y = eval(axes.opset(18), "y", iota(2, 2));
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new double[] {0, 0, 1, 0, 2, 3}, y.values(), EPS);
    }

    private static DoubleTensor pad(DoubleTensor x, String mode, long begin, long end) {
        ModelBuilder m = withInput(3).int64Vector("p", begin, end).initializer("v", new float[] {5});
        m.node("Pad").inputs("x", "p", "v").outputs("y").attr("mode", mode);
        return eval(m, "y", x);
    }

    @Test
    void resizeNearestAndLinear() {
        DoubleTensor square = DoubleTensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        ModelBuilder nearest = withInput(1, 1, 2, 2).initializer("scales", new float[] {1, 1, 2, 2}, 4);
        nearest.node("Resize").inputs("x", "", "scales").outputs("y").attr("mode", "nearest")
                .attr("coordinate_transformation_mode", "asymmetric");
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                eval(nearest, "y", square).values(), EPS);
        DoubleTensor pair = DoubleTensor.of(new double[] {1, 2}, 1, 1, 1, 2);
        assertArrayEquals(new double[] {1, 1.25, 1.75, 2}, linear(pair, "half_pixel").values(), EPS);
        assertArrayEquals(new double[] {1, 4 / 3.0, 5 / 3.0, 2}, linear(pair, "align_corners").values(), EPS);
        assertArrayEquals(new double[] {1, 1.5, 2, 2}, linear(pair, "asymmetric").values(), EPS);
        // half_pixel nearest with scale 3: coordinates -1/3, 0, 1/3, 2/3, 1, 4/3
        ModelBuilder thrice = withInput(1, 1, 1, 2).initializer("scales", new float[] {1, 1, 1, 3}, 4);
        thrice.node("Resize").inputs("x", "", "scales").outputs("y");
        assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2}, eval(thrice, "y", pair).values(), EPS);
    }

    private static DoubleTensor linear(DoubleTensor x, String transform) {
        ModelBuilder m = withInput(1, 1, 1, 2).int64Vector("sizes", 1, 1, 1, 4);
        m.node("Resize").inputs("x", "", "", "sizes").outputs("y").attr("mode", "linear")
                .attr("coordinate_transformation_mode", transform);
        return eval(m, "y", x);
    }

    @Test
    void shapeArithmeticOfAPyTorchFlatten() {
        // x.view(x.size(0), -1) as torch.onnx exports it: Shape -> Gather(0) -> Unsqueeze -> Concat(-1) -> Reshape
        ModelBuilder m = withInput(2, 3, 4).initializer(TensorProtos.int64s("zero", new long[] {0}))
                .int64Vector("axes", 0);
        m.node("Shape").inputs("x").outputs("shape");
        m.node("Gather").inputs("shape", "zero").outputs("n").attr("axis", 0);
        m.node("Unsqueeze").inputs("n", "axes").outputs("n1");
        m.node("Constant").outputs("minus1").ints("value_ints", -1);
        m.node("Concat").inputs("n1", "minus1").outputs("target").attr("axis", 0);
        m.node("Reshape").inputs("x", "target").outputs("y");
        DoubleTensor y = eval(m, "y", iota(2, 3, 4));
        assertArrayEquals(new int[] {2, 12}, y.shape());
        assertEquals(iota(2, 12).withType(DataType.DOUBLE), y);
    }

    @Test
    void shapeCastConstantOfShapeConstant() {
        ModelBuilder shape = withInput(2, 3, 4, 5);
        shape.node("Shape").inputs("x").outputs("s").attr("start", 1).attr("end", -1);
        shape.node("Cast").inputs("s").outputs("y").attr("to", DataType.FLOAT_VALUE);
        DoubleTensor s = eval(shape, "y", DoubleTensor.zeros(2, 3, 4, 5));
        assertArrayEquals(new double[] {3, 4}, s.values(), EPS);
        ModelBuilder fill = withInput(1).int64Vector("dims", 2, 3);
        fill.node("ConstantOfShape").inputs("dims").outputs("y").attr("value", TensorProtos.floats("", new float[] {1.5f}, 1));
        DoubleTensor f = eval(fill, "y", iota(1));
        assertArrayEquals(new int[] {2, 3}, f.shape());
        assertEquals(9, java.util.Arrays.stream(f.values()).sum(), EPS);
        ModelBuilder cast = withInput(3);
        cast.node("Cast").inputs("x").outputs("i").attr("to", DataType.INT64_VALUE);
        cast.node("Cast").inputs("i").outputs("y").attr("to", DataType.FLOAT_VALUE);
        assertArrayEquals(new double[] {-1, 2, 0}, eval(cast, "y", DoubleTensor.of(new double[] {-1.7, 2.9, 0.2}, 3))
                .values(), EPS);
        ModelBuilder constant = withInput(1);
        constant.node("Constant").outputs("c").attr("value_float", 2.5f);
        constant.node("Mul").inputs("x", "c").outputs("y");
        assertArrayEquals(new double[] {5}, eval(constant, "y", DoubleTensor.of(new double[] {2}, 1)).values(), EPS);
    }
}
