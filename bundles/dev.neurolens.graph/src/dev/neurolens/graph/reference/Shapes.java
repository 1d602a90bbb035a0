package dev.neurolens.graph.reference;

import java.util.Arrays;

/** Index arithmetic on row-major tensors: strides, axes, numpy broadcasting. */
final class Shapes {
    private Shapes() {
    }

    static int size(int[] shape) {
        return Math.toIntExact(DoubleTensor.elementCount(shape));
    }

    /** Row-major strides: the flat distance between neighbours along each axis. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /**
     * An axis in {@code [0, rank)}; ONNX allows negative axes counting from the end.
     *
     * @throws IllegalArgumentException if it lies outside {@code [-rank, rank)}
     */
    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " outside [-" + rank + ", " + rank + ")");
        }
        return (int) a;
    }

    static int[] toInts(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.toIntExact(v[i]);
        }
        return r;
    }

    /**
     * The numpy broadcast of two shapes (ONNX "multidirectional broadcasting"): aligned at the
     * right, each pair of dimensions equal or one of them 1.
     */
    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * For each flat index of {@code out}, the flat index of the element of a tensor of shape
     * {@code in} that broadcasting maps there.
     */
    static int[] broadcastIndex(int[] in, int[] out) {
        int rank = out.length;
        int lead = rank - in.length;
        int[] inStrides = strides(in);
        int[] step = new int[rank];
        for (int a = lead; a < rank; a++) {
            step[a] = in[a - lead] == 1 ? 0 : inStrides[a - lead];
        }
        int n = size(out);
        int[] map = new int[n];
        int[] idx = new int[rank];
        int flat = 0;
        for (int i = 0; i < n; i++) {
            map[i] = flat;
            for (int a = rank - 1; a >= 0; a--) {
                idx[a]++;
                flat += step[a];
                if (idx[a] < out[a]) {
                    break;
                }
                flat -= step[a] * idx[a];
                idx[a] = 0;
            }
        }
        return map;
    }

    /** The multi-index of a flat index. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = flat % shape[a];
            flat /= shape[a];
        }
        return idx;
    }
}
