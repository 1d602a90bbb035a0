package dev.neurolens.graph.reference;

import static dev.neurolens.graph.reference.Models.eval;
import static dev.neurolens.graph.reference.Models.iota;
import static dev.neurolens.graph.reference.Models.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import org.junit.jupiter.api.Test;

/** Activations, broadcasting arithmetic, Gemm/MatMul, normalization and reductions, by hand. */
class ArithmeticReferenceTest {
    private static final double EPS = 1e-12;

    private static DoubleTensor unary(String op, double[] x, java.util.function.Consumer<dev.neurolens.graph.build.NodeBuilder> attrs) {
        ModelBuilder m = withInput(x.length);
        attrs.accept(m.node(op).inputs("x").outputs("y"));
        return eval(m, "y", DoubleTensor.of(x, x.length));
    }

    @Test
    void activations() {
        double[] x = {-4, -1, 0.5, 4};
        assertArrayEquals(new double[] {0, 0, 0.5, 4}, unary("Relu", x, n -> { }).values(), EPS);
        assertArrayEquals(new double[] {-0.4, -0.1, 0.5, 4}, unary("LeakyRelu", x, n -> n.attr("alpha", 0.1f)).values(), 1e-7);
        assertArrayEquals(new double[] {-0.04, -0.01, 0.5, 4}, unary("LeakyRelu", x, n -> { }).values(), 1e-9);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(4)), 1 / (1 + Math.E), 1 / (1 + Math.exp(-0.5)),
            1 / (1 + Math.exp(-4))}, unary("Sigmoid", x, n -> { }).values(), EPS);
        assertArrayEquals(new double[] {Math.tanh(-4), Math.tanh(-1), Math.tanh(0.5), Math.tanh(4)},
                unary("Tanh", x, n -> { }).values(), EPS);
        // HardSigmoid(0.2, 0.5): clip(0.2x + 0.5, 0, 1)
        assertArrayEquals(new double[] {0, 0.3, 0.6, 1}, unary("HardSigmoid", x, n -> { }).values(), 1e-9);
        // HardSwish: x * clip(x/6 + 1/2, 0, 1)
        assertArrayEquals(new double[] {0, -1 / 3.0, 0.5 * (0.5 / 6 + 0.5), 4}, unary("HardSwish", x, n -> { }).values(),
                EPS);
        assertArrayEquals(x, unary("Identity", x, n -> { }).values(), 0);
        assertArrayEquals(x, unary("Dropout", x, n -> n.attr("seed", 3)).values(), 0);
    }

    @Test
    void clipTakesOptionalBoundInputs() {
        double[] x = {-7, -1, 3, 9};
        ModelBuilder relu6 = withInput(4).initializer("lo", new float[] {0}).initializer("hi", new float[] {6});
        relu6.node("Clip").inputs("x", "lo", "hi").outputs("y");
        assertArrayEquals(new double[] {0, 0, 3, 6}, eval(relu6, "y", DoubleTensor.of(x, 4)).values(), EPS);
        ModelBuilder upper = withInput(4).initializer("hi", new float[] {2});
        upper.node("Clip").inputs("x", "", "hi").outputs("y");
        assertArrayEquals(new double[] {-7, -1, 2, 2}, eval(upper, "y", DoubleTensor.of(x, 4)).values(), EPS);
        ModelBuilder none = withInput(4);
        none.node("Clip").inputs("x").outputs("y");
        assertArrayEquals(x, eval(none, "y", DoubleTensor.of(x, 4)).values(), EPS);
    }

    @Test
    void arithmeticBroadcastsLikeNumpy() {
        ModelBuilder add = withInput(2, 3).initializer("b", new float[] {10, 20, 30}, 3);
        add.node("Add").inputs("x", "b").outputs("y");
        assertArrayEquals(new double[] {10, 21, 32, 13, 24, 35}, eval(add, "y", iota(2, 3)).values(), EPS);
        ModelBuilder outer = withInput(2, 1).initializer("b", new float[] {1, 2, 3}, 1, 3);
        outer.node("Mul").inputs("x", "b").outputs("y");
        DoubleTensor y = eval(outer, "y", DoubleTensor.of(new double[] {2, 5}, 2, 1));
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new double[] {2, 4, 6, 5, 10, 15}, y.values(), EPS);
        ModelBuilder sub = withInput(2, 1, 2).initializer("b", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        sub.node("Sub").inputs("b", "x").outputs("y");
        DoubleTensor s = eval(sub, "y", DoubleTensor.of(new double[] {1, 1, 10, 10}, 2, 1, 2));
        assertArrayEquals(new int[] {2, 3, 2}, s.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, -9, -8, -7, -6, -5, -4}, s.values(), EPS);
        ModelBuilder div = withInput(2).initializer("b", new float[] {4});
        div.node("Div").inputs("x", "b").outputs("y");
        assertArrayEquals(new double[] {0.25, -0.5}, eval(div, "y", DoubleTensor.of(new double[] {1, -2}, 2)).values(),
                EPS);
    }

    @Test
    void integerDivisionTruncates() {
        ModelBuilder m = withInput(2).int64Initializer("a", new long[] {7, -7}, 2).int64Vector("two", 2, 2);
        m.node("Div").inputs("a", "two").outputs("q");
        m.node("Cast").inputs("q").outputs("y").attr("to", DataType.FLOAT_VALUE);
        assertArrayEquals(new double[] {3, -3}, eval(m, "y", iota(2)).values(), EPS);
    }

    @Test
    void gemmWithTransposesAlphaBetaAndBroadcastC() {
        // A = [[1,2,3],[4,5,6]], B = [[1,0],[0,1],[1,1]]: AB = [[4,5],[10,11]]; 2·AB + 0.5·[1, -1]
        double[] expected = {8.5, 9.5, 20.5, 21.5};
        DoubleTensor a = DoubleTensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        DoubleTensor at = DoubleTensor.of(new double[] {1, 4, 2, 5, 3, 6}, 3, 2);
        assertArrayEquals(expected, gemm(a, false, false).values(), EPS);
        assertArrayEquals(expected, gemm(at, true, false).values(), EPS);
        assertArrayEquals(expected, gemm(a, false, true).values(), EPS);
    }

    private static DoubleTensor gemm(DoubleTensor a, boolean transA, boolean transB) {
        float[] b = transB ? new float[] {1, 0, 1, 0, 1, 1} : new float[] {1, 0, 0, 1, 1, 1};
        ModelBuilder m = withInput(a.shape()).initializer("b", b, transB ? new long[] {2, 3} : new long[] {3, 2})
                .initializer("c", new float[] {1, -1}, 2);
        m.node("Gemm").inputs("x", "b", "c").outputs("y").attr("alpha", 2f).attr("beta", 0.5f)
                .attr("transA", transA ? 1 : 0).attr("transB", transB ? 1 : 0);
        return eval(m, "y", a);
    }

    @Test
    void matMulBroadcastsBatchesAndPromotesVectors() {
        ModelBuilder batched = withInput(2, 2, 2).initializer("b", new float[] {3, 4}, 2, 1);
        batched.node("MatMul").inputs("x", "b").outputs("y");
        DoubleTensor y = eval(batched, "y", DoubleTensor.of(new double[] {1, 0, 0, 1, 2, 0, 0, 2}, 2, 2, 2));
        assertArrayEquals(new int[] {2, 2, 1}, y.shape());
        assertArrayEquals(new double[] {3, 4, 6, 8}, y.values(), EPS);
        ModelBuilder vector = withInput(3).initializer("b", new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        vector.node("MatMul").inputs("x", "b").outputs("y");
        DoubleTensor v = eval(vector, "y", DoubleTensor.of(new double[] {1, 2, 3}, 3));
        assertArrayEquals(new int[] {2}, v.shape());
        assertArrayEquals(new double[] {4, 5}, v.values(), EPS);
        ModelBuilder broadcast = withInput(2, 1, 1, 2).initializer("b", new float[] {1, 2, 3, 4, 5, 6}, 3, 2, 1);
        broadcast.node("MatMul").inputs("x", "b").outputs("y");
        DoubleTensor z = eval(broadcast, "y", DoubleTensor.of(new double[] {1, 1, 1, -1}, 2, 1, 1, 2));
        assertArrayEquals(new int[] {2, 3, 1, 1}, z.shape());
        assertArrayEquals(new double[] {3, 7, 11, -1, -1, -1}, z.values(), EPS);
    }

    @Test
    void batchNormalizationPerChannel() {
        ModelBuilder m = withInput(1, 2, 1, 2).initializer("s", new float[] {1, 2}, 2).initializer("b", new float[] {0, 1}, 2)
                .initializer("mean", new float[] {1, 3}, 2).initializer("var", new float[] {4, 0.25f}, 2);
        m.node("BatchNormalization").inputs("x", "s", "b", "mean", "var").outputs("y").attr("epsilon", 0f);
        DoubleTensor x = DoubleTensor.of(new double[] {1, 2, 3, 4}, 1, 2, 1, 2);
        assertArrayEquals(new double[] {0, 0.5, 1, 5}, eval(m, "y", x).values(), EPS);
    }

    @Test
    void softmaxAlongAnAxis() {
        ModelBuilder last = withInput(1, 3);
        last.node("Softmax").inputs("x").outputs("y");
        DoubleTensor x = DoubleTensor.of(new double[] {0, Math.log(2), Math.log(5)}, 1, 3);
        assertArrayEquals(new double[] {0.125, 0.25, 0.625}, eval(last, "y", x).values(), EPS);
        ModelBuilder first = withInput(2, 2);
        first.node("Softmax").inputs("x").outputs("y").attr("axis", 0);
        DoubleTensor y = eval(first, "y", DoubleTensor.of(new double[] {0, 5, Math.log(3), 5}, 2, 2));
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 0.5}, y.values(), EPS);
    }

    @Test
    void reductions() {
        ModelBuilder sum = withInput(2, 3).int64Vector("axes", 1);
        sum.node("ReduceSum").inputs("x", "axes").outputs("y").attr("keepdims", 0);
        DoubleTensor s = eval(sum, "y", iota(2, 3));
        assertArrayEquals(new int[] {2}, s.shape());
        assertArrayEquals(new double[] {3, 12}, s.values(), EPS);
        ModelBuilder mean = withInput(2, 3);
        mean.node("ReduceMean").inputs("x").outputs("y").ints("axes", 0); // an attribute up to opset 17
        DoubleTensor m = eval(mean, "y", iota(2, 3));
        assertArrayEquals(new int[] {1, 3}, m.shape());
        assertArrayEquals(new double[] {1.5, 2.5, 3.5}, m.values(), EPS);
        ModelBuilder all = withInput(2, 3);
        all.node("ReduceSum").inputs("x").outputs("y");
        DoubleTensor a = eval(all, "y", iota(2, 3));
        assertArrayEquals(new int[] {1, 1}, a.shape());
        assertEquals(15, a.get(0));
        ModelBuilder noop = withInput(2, 3);
        noop.node("ReduceSum").inputs("x").outputs("y").attr("noop_with_empty_axes", 1);
        assertEquals(iota(2, 3), eval(noop, "y", iota(2, 3)));
    }
}
