package dev.neurolens.graph.compile;

/** The ONNX Slice spec's clamping of start/end for one axis (numpy semantics). */
final class SliceRange {
    private SliceRange() {
    }

    /**
     * The first index and the number of elements that {@code start:end:step} takes from an axis of
     * {@code dim} elements.
     *
     * @return {@code {first, count}}
     */
    static long[] of(long start, long end, long step, long dim) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step 0");
        }
        long s = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        if (step > 0) {
            s = Math.max(0, Math.min(s, dim));
            e = Math.max(0, Math.min(e, dim));
            long count = e > s ? (e - s + step - 1) / step : 0;
            return new long[] {s, count};
        }
        s = Math.max(0, Math.min(s, dim - 1));
        e = Math.max(-1, Math.min(e, dim - 1));
        long count = s > e ? (s - e + (-step) - 1) / (-step) : 0;
        return new long[] {s, count};
    }
}
