package dev.neurolens.graph.reference;

import java.util.Map;

/**
 * ReduceSum and ReduceMean. The axes come from the second input (ReduceSum-13, ReduceMean-18) or
 * the {@code axes} attribute (earlier opsets); no axes reduce over all axes unless
 * {@code noop_with_empty_axes} is set, in which case the input passes through.
 */
final class ReduceOps {
    private ReduceOps() {
    }

    static void register(Map<String, Op> ops) {
        ops.put("ReduceSum", Op.single(n -> reduce(n, false)));
        ops.put("ReduceMean", Op.single(n -> reduce(n, true)));
    }

    private static DoubleTensor reduce(OpNode n, boolean mean) {
        DoubleTensor x = n.input(0);
        int[] s = x.dims();
        long[] axes = n.optionalInput(1).map(DoubleTensor::toLongs).orElse(n.ints("axes", new long[0]));
        boolean keep = n.integer("keepdims", 1) != 0;
        if (axes.length == 0 && n.integer("noop_with_empty_axes", 0) != 0) {
            return x;
        }
        boolean[] reduced = new boolean[s.length];
        for (long a : axes) {
            reduced[Shapes.axis(a, s.length)] = true;
        }
        if (axes.length == 0) {
            java.util.Arrays.fill(reduced, true);
        }
        int[] keptShape = new int[s.length];
        int outRank = 0;
        int count = 1;
        for (int i = 0; i < s.length; i++) {
            keptShape[i] = reduced[i] ? 1 : s[i];
            outRank += reduced[i] && !keep ? 0 : 1;
            count *= reduced[i] ? s[i] : 1;
        }
        double[] out = new double[Shapes.size(keptShape)];
        int[] outStrides = Shapes.strides(keptShape);
        double[] v = x.data();
        int[] idx = new int[s.length];
        for (int i = 0; i < v.length; i++) {
            int o = 0;
            for (int a = 0; a < s.length; a++) {
                o += reduced[a] ? 0 : idx[a] * outStrides[a];
            }
            out[o] += v[i];
            for (int a = s.length - 1; a >= 0 && ++idx[a] == s[a]; a--) {
                idx[a] = 0;
            }
        }
        if (mean) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= count;
            }
        }
        int[] shape = new int[outRank];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (!reduced[i] || keep) {
                shape[j++] = keptShape[i];
            }
        }
        return DoubleTensor.wrap(out, shape, x.elementType());
    }
}
