package dev.neurolens.graph.reference;

import java.util.Arrays;

/**
 * Where a sliding window (of Conv or a pooling op) lies along each spatial axis: kernel size,
 * stride, dilation, the padding at both ends and the number of output positions. Input index of
 * output position {@code o} and kernel tap {@code k}: {@code o * stride - padBegin + k * dilation}.
 *
 * @param kernel kernel size per spatial axis
 * @param strides stride per axis
 * @param dilations dilation per axis
 * @param padBegin padding before the first element per axis
 * @param padEnd padding after the last element per axis
 * @param outSize output size per axis
 */
record Window(int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd, int[] outSize) {

    /**
     * The window of a node with the ONNX attributes {@code auto_pad}, {@code pads}, {@code strides},
     * {@code dilations} and (for pools) {@code ceil_mode}, over an input of the given spatial size.
     *
     * <p>Explicit pads (auto_pad NOTSET): {@code out = floor((in + pb + pe - ek) / s) + 1} with the
     * effective kernel {@code ek = d·(k-1)+1}, or {@code ceil(…)} with ceil_mode, where as in ONNX
     * Runtime (and PyTorch) a last window that would start in the end padding is dropped.
     * SAME_UPPER/SAME_LOWER: {@code out = ceil(in / s)}, total padding {@code max(0, (out-1)·s + ek - in)},
     * the odd one at the end (UPPER) or the beginning (LOWER). VALID: no padding.
     */
    static Window of(OpNode n, int[] in, int[] kernel, boolean ceilModeAllowed) {
        int r = in.length;
        int[] strides = n.intList("strides", ones(r));
        int[] dilations = n.intList("dilations", ones(r));
        int[] pads = n.intList("pads", new int[2 * r]);
        check(strides.length == r && dilations.length == r && pads.length == 2 * r && kernel.length == r,
                "strides, dilations, pads and kernel must match the " + r + " spatial axes");
        String autoPad = n.text("auto_pad", "NOTSET");
        boolean ceil = ceilModeAllowed && n.integer("ceil_mode", 0) != 0;
        int[] begin = new int[r];
        int[] end = new int[r];
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            check(strides[i] > 0 && dilations[i] > 0 && kernel[i] > 0, "strides, dilations and kernel must be positive");
            int ek = dilations[i] * (kernel[i] - 1) + 1;
            switch (autoPad) {
                case "NOTSET" -> {
                    begin[i] = pads[i];
                    end[i] = pads[i + r];
                    int span = in[i] + begin[i] + end[i] - ek;
                    check(span >= 0, "the kernel is larger than the padded input");
                    out[i] = (ceil ? Math.ceilDiv(span, strides[i]) : Math.floorDiv(span, strides[i])) + 1;
                    if (ceil && (out[i] - 1) * strides[i] >= in[i] + begin[i]) {
                        out[i]--; // the last window would see only padding
                    }
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = Math.ceilDiv(in[i], strides[i]);
                    int total = Math.max(0, (out[i] - 1) * strides[i] + ek - in[i]);
                    boolean upper = autoPad.equals("SAME_UPPER");
                    begin[i] = upper ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                }
                case "VALID" -> {
                    check(in[i] >= ek, "the kernel is larger than the input");
                    out[i] = (in[i] - ek) / strides[i] + 1;
                }
                default -> throw new IllegalArgumentException("unknown auto_pad " + autoPad);
            }
        }
        return new Window(kernel, strides, dilations, begin, end, out);
    }

    private static int[] ones(int r) {
        int[] v = new int[r];
        Arrays.fill(v, 1);
        return v;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The window as 3 spatial axes (depth, height, width): 1-D and 2-D windows get leading axes
     * of size 1, so that one loop nest serves all ranks.
     */
    Window as3d() {
        int r = kernel.length;
        if (r == 3) {
            return this;
        }
        if (r > 3) {
            throw new IllegalArgumentException("at most 3 spatial axes are supported, got " + r);
        }
        return new Window(lift(kernel, 1), lift(strides, 1), lift(dilations, 1), lift(padBegin, 0),
                lift(padEnd, 0), lift(outSize, 1));
    }

    /** {@code v} with leading {@code fill}s to length 3. */
    static int[] lift(int[] v, int fill) {
        int[] out = new int[3];
        Arrays.fill(out, fill);
        System.arraycopy(v, 0, out, 3 - v.length, v.length);
        return out;
    }
}
