package dev.neurolens.graph.reference;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise operators: activations, {@code Clip}, {@code Cast}, {@code Identity}/{@code Dropout},
 * and the arithmetic {@code Add}/{@code Sub}/{@code Mul}/{@code Div}/{@code Sum} with numpy
 * broadcasting (ONNX "Broadcasting in ONNX", multidirectional).
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static void register(Map<String, Op> ops) {
        ops.put("Relu", Op.single(n -> map(n.input(0), x -> x > 0 ? x : 0)));
        ops.put("LeakyRelu", Op.single(n -> {
            double alpha = n.real("alpha", 0.01); // LeakyRelu-16: alpha defaults to 0.01
            return map(n.input(0), x -> x >= 0 ? x : alpha * x);
        }));
        ops.put("Sigmoid", Op.single(n -> map(n.input(0), ElementwiseOps::sigmoid)));
        ops.put("Tanh", Op.single(n -> map(n.input(0), Math::tanh)));
        ops.put("HardSigmoid", Op.single(n -> {
            // HardSigmoid-6: max(0, min(1, alpha * x + beta)), alpha = 0.2, beta = 0.5 by default
            double alpha = n.real("alpha", 0.2);
            double beta = n.real("beta", 0.5);
            return map(n.input(0), x -> Math.max(0, Math.min(1, alpha * x + beta)));
        }));
        // HardSwish-14: x * max(0, min(1, x / 6 + 0.5))
        ops.put("HardSwish", Op.single(n -> map(n.input(0), x -> x * Math.max(0, Math.min(1, x / 6 + 0.5)))));
        ops.put("Clip", Op.single(ElementwiseOps::clip));
        ops.put("Identity", Op.single(n -> n.input(0)));
        ops.put("Dropout", ElementwiseOps::dropout);
        ops.put("Cast", Op.single(ElementwiseOps::cast));
        ops.put("Add", Op.single(n -> binary(n, Double::sum)));
        ops.put("Sub", Op.single(n -> binary(n, (a, b) -> a - b)));
        ops.put("Mul", Op.single(n -> binary(n, (a, b) -> a * b)));
        ops.put("Div", Op.single(ElementwiseOps::divide));
        ops.put("Sum", Op.single(ElementwiseOps::sum));
    }

    static double sigmoid(double x) {
        // the two forms avoid overflow of exp for large |x|
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static DoubleTensor map(DoubleTensor x, DoubleUnaryOperator f) {
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return DoubleTensor.wrap(out, x.dims(), x.elementType());
    }

    /** Numpy-broadcast elementwise {@code f(a, b)}; the result has {@code a}'s element type. */
    static DoubleTensor broadcast(DoubleTensor a, DoubleTensor b, DoubleBinaryOperator f) {
        int[] shape = Shapes.broadcast(a.dims(), b.dims());
        double[] av = a.data();
        double[] bv = b.data();
        double[] out = new double[Shapes.size(shape)];
        if (Arrays.equals(a.dims(), shape) && Arrays.equals(b.dims(), shape)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(av[i], bv[i]);
            }
        } else {
            int[] ai = Shapes.broadcastIndex(a.dims(), shape);
            int[] bi = Shapes.broadcastIndex(b.dims(), shape);
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(av[ai[i]], bv[bi[i]]);
            }
        }
        return DoubleTensor.wrap(out, shape, a.elementType());
    }

    private static DoubleTensor binary(OpNode n, DoubleBinaryOperator f) {
        return broadcast(n.input(0), n.input(1), f);
    }

    /** Sum-13: the broadcast sum of any number of inputs. */
    private static DoubleTensor sum(OpNode n) {
        DoubleTensor acc = n.input(0);
        for (int k = 1; k < n.inputCount(); k++) {
            acc = broadcast(acc, n.input(k), Double::sum);
        }
        return acc;
    }

    /** Integer division truncates toward zero, as ONNX Runtime's C++ kernels do. */
    private static DoubleTensor divide(OpNode n) {
        DoubleTensor a = n.input(0);
        DoubleTensor b = n.input(1);
        if (a.isInteger() && b.isInteger()) {
            return broadcast(a, b, (x, y) -> (double) ((long) x / (long) y));
        }
        return broadcast(a, b, (x, y) -> x / y);
    }

    /** Clip-11+: min and max are optional scalar inputs; Clip-6 had them as attributes. */
    private static DoubleTensor clip(OpNode n) {
        double lo = n.optionalInput(1).map(t -> t.get(0)).orElse(n.real("min", Double.NEGATIVE_INFINITY));
        double hi = n.optionalInput(2).map(t -> t.get(0)).orElse(n.real("max", Double.POSITIVE_INFINITY));
        return map(n.input(0), x -> Math.min(hi, Math.max(lo, x)));
    }

    /** Dropout in inference: the identity, and a mask of all true where one is asked for. */
    private static List<DoubleTensor> dropout(OpNode n) {
        DoubleTensor x = n.input(0);
        DoubleTensor mask = null;
        if (n.wantsOutput(1)) {
            double[] ones = new double[x.size()];
            Arrays.fill(ones, 1);
            mask = DoubleTensor.wrap(ones, x.dims(), DataType.BOOL);
        }
        return Arrays.asList(x, mask);
    }

    /**
     * Cast-13: reals to integers truncate toward zero (C semantics, as ONNX Runtime does), anything to
     * bool is "not zero". Casts to float32 keep the float64 value: the evaluator computes in float64.
     */
    private static DoubleTensor cast(OpNode n) {
        DataType to = DataType.forNumber((int) n.integer("to", DataType.FLOAT_VALUE));
        if (to == null) {
            throw new IllegalArgumentException("Cast to unknown type " + n.integer("to", 0));
        }
        DoubleTensor x = n.input(0);
        DoubleTensor converted = switch (to) {
            case BOOL -> map(x, v -> v != 0 ? 1 : 0);
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> map(x, v -> (double) (long) v);
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> x;
            default -> throw new IllegalArgumentException("Cast to " + to + " is not supported");
        };
        return converted.withType(to);
    }
}
