package dev.neurolens.lrp.internal;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.Optional;

/**
 * Box bounds pushed through one affine node with a constant operand: {@code x + c},
 * {@code x − c}, {@code c − x}, {@code x·c}, {@code x / c}, with {@code c} a scalar or one value per
 * channel (axis 1); negative factors swap low and high. Anything else loses the bounds.
 */
final class BoundsPush {
    private BoundsPush() {
    }

    /**
     * The bounds of {@code node}'s output.
     *
     * @param in the bounds of its activation operand
     * @param operand the index of the activation operand
     * @param constant the other operand's value, if constant
     * @param outRank the rank of the output
     */
    static Optional<Bounds> through(NodeProto node, Bounds in, int operand, Optional<TensorProto> constant,
            int outRank) {
        if (constant.isEmpty() || !perChannel(constant.get(), outRank)) {
            return Optional.empty();
        }
        float[] c = NodeAttributes.floats(constant.get());
        float[][] b = in.arrays();
        int n = Math.max(b[0].length, c.length);
        if (b[0].length != n && b[0].length != 1 || c.length != n && c.length != 1) {
            return Optional.empty();
        }
        float[] low = new float[n];
        float[] high = new float[n];
        for (int i = 0; i < n; i++) {
            float lo = b[0][b[0].length == 1 ? 0 : i];
            float hi = b[1][b[1].length == 1 ? 0 : i];
            float k = c[c.length == 1 ? 0 : i];
            float p;
            float q;
            switch (node.getOpType()) {
                case "Add" -> {
                    p = lo + k;
                    q = hi + k;
                }
                case "Sub" -> {
                    p = operand == 0 ? lo - k : k - hi;
                    q = operand == 0 ? hi - k : k - lo;
                }
                case "Mul" -> {
                    p = lo * k;
                    q = hi * k;
                }
                case "Div" -> {
                    p = lo / k;
                    q = hi / k;
                }
                default -> {
                    return Optional.empty();
                }
            }
            low[i] = Math.min(p, q);
            high[i] = Math.max(p, q);
        }
        return Optional.of(Bounds.of(low, high));
    }

    /** A scalar, or a tensor whose only axis longer than 1 is the channel axis (axis 1 of the output). */
    private static boolean perChannel(TensorProto t, int outRank) {
        int rank = t.getDimsCount();
        for (int i = 0; i < rank; i++) {
            long d = t.getDims(i);
            int outAxis = outRank - rank + i;
            if (d != 1 && outAxis != 1) {
                return false;
            }
        }
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
    }
}
