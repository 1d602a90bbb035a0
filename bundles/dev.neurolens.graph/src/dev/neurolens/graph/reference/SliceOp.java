package dev.neurolens.graph.reference;

/**
 * Slice-13: {@code starts}, {@code ends} and the optional {@code axes} and {@code steps} inputs.
 * Per the spec, negative starts/ends count from the end; then, for positive steps, both are
 * clamped to {@code [0, dim]}, for negative steps start to {@code [0, dim-1]} and end to
 * {@code [-1, dim-1]} (so "to the very beginning" is expressed by a large negative end).
 */
final class SliceOp {
    private SliceOp() {
    }

    static DoubleTensor apply(OpNode n) {
        DoubleTensor x = n.input(0);
        long[] starts = n.input(1).toLongs();
        long[] ends = n.input(2).toLongs();
        int r = x.rank();
        long[] axes = n.optionalInput(3).map(DoubleTensor::toLongs).orElse(null);
        if (axes == null) {
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        long[] steps = n.optionalInput(4).map(DoubleTensor::toLongs).orElse(null);
        if (ends.length != starts.length || axes.length != starts.length
                || steps != null && steps.length != starts.length) {
            throw new IllegalArgumentException("Slice starts, ends, axes and steps differ in length");
        }
        int[] s = x.dims();
        int[] shape = s.clone();
        int[] begin = new int[r];
        int[] step = new int[r];
        java.util.Arrays.fill(step, 1);
        boolean[] seen = new boolean[r];
        for (int i = 0; i < starts.length; i++) {
            int a = Shapes.axis(axes[i], r);
            if (seen[a]) {
                throw new IllegalArgumentException("Slice axis " + axes[i] + " given twice");
            }
            seen[a] = true;
            long st = steps == null ? 1 : steps[i];
            if (st == 0) {
                throw new IllegalArgumentException("Slice step 0");
            }
            long dim = s[a];
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (st > 0) {
                start = clamp(start, 0, dim);
                end = clamp(end, 0, dim);
                count = end > start ? (end - start + st - 1) / st : 0;
            } else {
                start = clamp(start, 0, dim - 1);
                end = clamp(end, -1, dim - 1);
                count = start > end ? (start - end - st - 1) / -st : 0;
            }
            shape[a] = (int) count;
            begin[a] = (int) Math.max(start, 0);
            step[a] = (int) st;
        }
        int[] strides = Shapes.strides(s);
        int offset = 0;
        int[] flatStep = new int[r];
        for (int a = 0; a < r; a++) {
            offset += begin[a] * strides[a];
            flatStep[a] = step[a] * strides[a];
        }
        double[] v = Shapes.size(shape) == 0 ? new double[0] : ShapeOps.gatherStrided(x.data(), shape, flatStep, offset);
        return DoubleTensor.wrap(v, shape, x.elementType());
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
