package dev.neurolens.engine.tensorflow.importer;

/**
 * NHWC (TensorFlow's image layout) versus NCHW (ONNX's): permutations of axes and of constant
 * tensors. Physical axis {@code p} of an NCHW-held tensor is logical axis {@code TO_NCHW[p]}.
 */
final class Layout {
    /** Transpose permutation NHWC to NCHW. */
    static final long[] TO_NCHW = {0, 3, 1, 2};
    /** Transpose permutation NCHW to NHWC. */
    static final long[] TO_NHWC = {0, 2, 3, 1};

    private Layout() {
    }

    /** The physical axis of logical NHWC axis {@code a} (negative axes count from the end). */
    static int physicalAxis(long a) {
        int axis = (int) (a < 0 ? a + 4 : a);
        return (int) TO_NHWC[axis];
    }

    /** {@code shape} permuted by {@code perm}. */
    static long[] permute(long[] shape, long[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[(int) perm[i]];
        }
        return out;
    }

    /** The row-major values of a tensor of {@code shape}, transposed by {@code perm}. */
    static float[] transpose(float[] values, long[] shape, long[] perm) {
        int rank = shape.length;
        long[] outShape = permute(shape, perm);
        long[] inStrides = strides(shape);
        float[] out = new float[values.length];
        int[] idx = new int[rank];
        for (int o = 0; o < out.length; o++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += idx[d] * inStrides[(int) perm[d]];
            }
            out[o] = values[(int) src];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < outShape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    /** {@code shape} with ones prepended up to {@code rank}. */
    static long[] padRank(long[] shape, int rank) {
        long[] out = new long[rank];
        java.util.Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }
}
