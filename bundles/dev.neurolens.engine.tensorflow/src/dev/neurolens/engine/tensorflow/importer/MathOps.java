package dev.neurolens.engine.tensorflow.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.proto.NodeDef;

/** Element-wise ops, MatMul, Mean and Softmax. Element-wise ops keep their input's layout. */
final class MathOps {

    private MathOps() {
    }

    /** A unary op with the same name and semantics in ONNX. */
    static void unary(Conversion c, NodeDef n, String onnxOp) {
        Val x = c.val(n, 0);
        c.define(n, c.node(onnxOp, n, x.name()).output(), x.nchw());
    }

    static void leakyRelu(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        c.define(n, c.node("LeakyRelu", n, x.name()).attr("alpha", Conversion.real(n, "alpha", 0.2f)).output(),
                x.nchw());
    }

    /** {@code Relu6} = {@code Clip(x, 0, 6)}. */
    static void relu6(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        String lo = c.floats(n.getName() + "/min", new float[] {0f});
        String hi = c.floats(n.getName() + "/max", new float[] {6f});
        c.define(n, c.node("Clip", n, x.name(), lo, hi).output(), x.nchw());
    }

    /** {@code Rsqrt} = {@code Reciprocal(Sqrt(x))}. */
    static void rsqrt(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        String root = c.helper("Sqrt", n.getName() + "/sqrt", x.name()).output();
        c.define(n, c.node("Reciprocal", n, root).output(), x.nchw());
    }

    /** {@code Square} = {@code Mul(x, x)}. */
    static void square(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        c.define(n, c.node("Mul", n, x.name(), x.name()).output(), x.nchw());
    }

    /**
     * A broadcasting binary op. When one operand is held NCHW, a constant partner is permuted to
     * match and a computed 4-D partner is transposed; other partners make the NCHW operand go back.
     */
    static void binary(Conversion c, NodeDef n, String onnxOp) {
        boolean constA = c.isConst(n, 0);
        boolean constB = c.isConst(n, 1);
        Val a = constA ? null : c.val(n, 0);
        Val b = constB ? null : c.val(n, 1);
        boolean nchw;
        if (a != null && b != null) {
            if (a.nchw() != b.nchw()) {
                if (a.rank() == 4 && b.rank() == 4) {
                    a = c.asNchw(a);
                    b = c.asNchw(b);
                } else {
                    a = c.asIs(a);
                    b = c.asIs(b);
                }
            }
            nchw = a.nchw();
        } else if (a != null) {
            nchw = a.nchw();
            b = constant(c, n, 1, nchw);
        } else if (b != null) {
            nchw = b.nchw();
            a = constant(c, n, 0, nchw);
        } else {
            throw Conversion.unsupported(n, "both inputs are constants");
        }
        c.define(n, c.node(onnxOp, n, a.name(), b.name()).output(), nchw);
    }

    /** A constant operand, permuted for a partner held NCHW. */
    private static Val constant(Conversion c, NodeDef n, int i, boolean nchw) {
        ConstValue k = c.constant(n, i);
        if (!nchw) {
            return new Val(c.floats(n.getInput(i), k.floats(), k.shape()), k.shape(), false);
        }
        if (k.shape().length > 4) {
            throw Conversion.unsupported(n, "a constant of rank " + k.shape().length + " meets an image tensor");
        }
        long[] full = Layout.padRank(k.shape(), 4);
        float[] values = Layout.transpose(k.floats(), full, Layout.TO_NCHW);
        long[] shape = Layout.permute(full, Layout.TO_NCHW);
        return new Val(c.floats(n.getInput(i) + "/nchw", values, shape), k.shape(), true);
    }

    /** {@code MatMul} with an optional transposed second operand. */
    static void matMul(Conversion c, NodeDef n) {
        if (Conversion.bool(n, "transpose_a", false)) {
            throw Conversion.unsupported(n, "transpose_a is not supported");
        }
        Val a = c.asIs(c.val(n, 0));
        String b;
        if (c.isConst(n, 1)) {
            ConstValue w = c.constant(n, 1);
            float[] values = w.floats();
            long[] shape = w.shape();
            if (Conversion.bool(n, "transpose_b", false)) {
                values = Layout.transpose(values, shape, new long[] {1, 0});
                shape = new long[] {shape[1], shape[0]};
            }
            b = c.floats(n.getInput(1), values, shape);
        } else {
            if (Conversion.bool(n, "transpose_b", false)) {
                throw Conversion.unsupported(n, "transpose_b of a computed tensor is not supported");
            }
            b = c.asIs(c.val(n, 1)).name();
        }
        c.define(n, c.node("MatMul", n, a.name(), b).output(), false);
    }

    /** {@code Mean} over constant axes (global average pooling when over H and W). */
    static void mean(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        int rank = x.rank();
        long[] axes = Arrays.stream(c.constant(n, 1).longs()).map(a -> a < 0 ? a + rank : a).sorted().toArray();
        boolean keep = Conversion.bool(n, "keep_dims", false);
        if (x.nchw() && !keep && !keepsOrder(axes)) {
            x = c.asIs(x);
        }
        long[] onnxAxes = x.nchw() ? Arrays.stream(axes).map(Layout::physicalAxis).sorted().toArray() : axes;
        String out = c.node("ReduceMean", n, x.name()).ints("axes", onnxAxes).attr("keepdims", keep ? 1L : 0L).output();
        c.define(n, out, x.nchw() && keep);
    }

    /** Whether reducing these NHWC axes of an NCHW-held tensor leaves the other axes in NHWC order. */
    private static boolean keepsOrder(long[] axes) {
        List<Long> remaining = new ArrayList<>();
        for (long logical : Layout.TO_NCHW) {
            if (Arrays.stream(axes).noneMatch(a -> a == logical)) {
                remaining.add(logical);
            }
        }
        for (int i = 1; i < remaining.size(); i++) {
            if (remaining.get(i) < remaining.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** {@code Softmax} over the last axis. */
    static void softmax(Conversion c, NodeDef n) {
        Val x = c.asIs(c.val(n, 0));
        c.define(n, c.node("Softmax", n, x.name()).attr("axis", -1L).output(), false);
    }
}
