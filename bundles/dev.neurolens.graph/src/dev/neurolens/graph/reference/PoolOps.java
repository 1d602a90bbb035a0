package dev.neurolens.graph.reference;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * MaxPool-12, AveragePool-11 and GlobalAveragePool over {@code X [N, C, D1…Dn]} (n ≤ 3), with the
 * windows of {@link Window} (pads, strides, dilations, ceil_mode, auto_pad).
 */
final class PoolOps {
    private PoolOps() {
    }

    static void register(Map<String, Op> ops) {
        ops.put("MaxPool", PoolOps::maxPool);
        ops.put("AveragePool", Op.single(PoolOps::averagePool));
        ops.put("GlobalAveragePool", Op.single(PoolOps::globalAveragePool));
    }

    /**
     * Padding never wins a max (pads are ignored, not zeros). The optional second output holds the
     * flat index of each maximum into {@code X} as a whole ({@code [0, N·C·D1⋯Dn)}, row-major for
     * storage_order 0); the first maximum wins a tie, scanning the window in row-major order.
     */
    private static List<DoubleTensor> maxPool(OpNode n) {
        if (n.integer("storage_order", 0) != 0) {
            throw new IllegalArgumentException("MaxPool with storage_order 1 is not supported");
        }
        Pooling p = new Pooling(n, n.input(0), true);
        double[] out = new double[p.outputSize()];
        double[] indices = n.wantsOutput(1) ? new double[out.length] : null;
        p.forEachWindow((plane, o, taps) -> {
            double best = Double.NEGATIVE_INFINITY;
            int at = -1;
            for (int t : taps) {
                if (p.x[t] > best || at < 0) {
                    best = p.x[t];
                    at = t;
                }
            }
            out[o] = best;
            if (indices != null) {
                indices[o] = at;
            }
        });
        DoubleTensor y = DoubleTensor.wrap(out, p.outShape(), p.type);
        return Arrays.asList(y, indices == null ? null : DoubleTensor.wrap(indices, p.outShape(), DataType.INT64));
    }

    /**
     * The mean over the window's taps inside the input. With count_include_pad the divisor is the
     * whole kernel size, also for windows that ceil_mode lets hang past the end padding: that is
     * what ONNX Runtime computes (PyTorch would count only the taps up to the end padding; the two
     * agree everywhere else).
     */
    private static DoubleTensor averagePool(OpNode n) {
        boolean includePad = n.integer("count_include_pad", 0) != 0;
        Pooling p = new Pooling(n, n.input(0), true);
        double[] out = new double[p.outputSize()];
        p.forEachWindow((plane, o, taps) -> {
            double sum = 0;
            for (int t : taps) {
                sum += p.x[t];
            }
            out[o] = sum / (includePad ? p.kernelSize() : taps.length);
        });
        return DoubleTensor.wrap(out, p.outShape(), p.type);
    }

    /** The mean over all spatial positions, kept as axes of size 1. */
    private static DoubleTensor globalAveragePool(OpNode n) {
        DoubleTensor x = n.input(0);
        int[] s = x.dims();
        if (s.length < 3) {
            throw new IllegalArgumentException("GlobalAveragePool needs X of rank >= 3, got " + Arrays.toString(s));
        }
        int planes = s[0] * s[1];
        int plane = x.size() / planes;
        double[] v = x.data();
        double[] out = new double[planes];
        for (int i = 0; i < planes; i++) {
            double sum = 0;
            for (int j = 0; j < plane; j++) {
                sum += v[i * plane + j];
            }
            out[i] = sum / plane;
        }
        int[] shape = new int[s.length];
        Arrays.fill(shape, 1);
        shape[0] = s[0];
        shape[1] = s[1];
        return DoubleTensor.wrap(out, shape, x.elementType());
    }

    /** Visits every output position with the flat input indices of its window's taps inside the input. */
    private interface WindowVisitor {
        void visit(int plane, int outFlat, int[] taps);
    }

    /** One pooling node's geometry over its input. */
    private static final class Pooling {
        final double[] x;
        final DataType type;
        private final int[] xs;
        private final Window win;
        private final Window w3;
        private final int[] in3;

        Pooling(OpNode n, DoubleTensor input, boolean ceilModeAllowed) {
            this.x = input.data();
            this.type = input.elementType();
            this.xs = input.dims();
            if (xs.length < 3) {
                throw new IllegalArgumentException(n.opType() + " needs X of rank >= 3, got " + Arrays.toString(xs));
            }
            int[] kernel = n.intList("kernel_shape", null);
            if (kernel == null) {
                throw new IllegalArgumentException(n.opType() + " needs kernel_shape");
            }
            int[] spatial = Arrays.copyOfRange(xs, 2, xs.length);
            this.win = Window.of(n, spatial, kernel, ceilModeAllowed);
            this.w3 = win.as3d();
            this.in3 = Window.lift(spatial, 1);
        }

        int[] outShape() {
            int[] shape = new int[xs.length];
            shape[0] = xs[0];
            shape[1] = xs[1];
            System.arraycopy(win.outSize(), 0, shape, 2, win.outSize().length);
            return shape;
        }

        int outputSize() {
            return Shapes.size(outShape());
        }

        private int outPlane() {
            return w3.outSize()[0] * w3.outSize()[1] * w3.outSize()[2];
        }

        void forEachWindow(WindowVisitor visitor) {
            int planes = xs[0] * xs[1];
            int inPlane = in3[0] * in3[1] * in3[2];
            int[] o3 = w3.outSize();
            int[] k = w3.kernel();
            int[] taps = new int[k[0] * k[1] * k[2]];
            for (int plane = 0; plane < planes; plane++) {
                int o = plane * outPlane();
                for (int od = 0; od < o3[0]; od++) {
                    for (int oh = 0; oh < o3[1]; oh++) {
                        for (int ow = 0; ow < o3[2]; ow++) {
                            int count = 0;
                            for (int kd = 0; kd < k[0]; kd++) {
                                int id = position(0, od, kd);
                                for (int kh = 0; kh < k[1] && id >= 0 && id < in3[0]; kh++) {
                                    int ih = position(1, oh, kh);
                                    for (int kw = 0; kw < k[2] && ih >= 0 && ih < in3[1]; kw++) {
                                        int iw = position(2, ow, kw);
                                        if (iw >= 0 && iw < in3[2]) {
                                            taps[count++] = plane * inPlane + (id * in3[1] + ih) * in3[2] + iw;
                                        }
                                    }
                                }
                            }
                            visitor.visit(plane, o++, Arrays.copyOf(taps, count));
                        }
                    }
                }
            }
        }

        /** The number of taps of a window. */
        int kernelSize() {
            return w3.kernel()[0] * w3.kernel()[1] * w3.kernel()[2];
        }

        private int position(int axis, int out, int tap) {
            return out * w3.strides()[axis] - w3.padBegin()[axis] + tap * w3.dilations()[axis];
        }
    }
}
