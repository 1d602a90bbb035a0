package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;

/**
 * The spatial geometry of a Conv or pooling node with explicit pads (auto_pad resolved as the
 * ONNX spec defines it), and the ConvTranspose settings that map its output back onto its input.
 *
 * @param in the input's spatial sizes
 * @param out the output's spatial sizes
 * @param kernel kernel sizes
 * @param strides strides
 * @param dilations dilations
 * @param padBegin pads at the start of each axis
 * @param padEnd pads at the end of each axis
 * @param group the group count (1 for pooling)
 */
record ConvGeometry(long[] in, long[] out, long[] kernel, long[] strides, long[] dilations, long[] padBegin,
        long[] padEnd, long group) {

    /** The geometry of a Conv node with input shape {@code x} and weight shape {@code w}. */
    static ConvGeometry of(NodeProto node, long[] x, long[] w) {
        int n = x.length - 2;
        long[] kernel = Attributes.ints(node, "kernel_shape", null);
        if (kernel == null) {
            kernel = java.util.Arrays.copyOfRange(w, 2, w.length);
        }
        return build(node, x, kernel, Attributes.integer(node, "group", 1), false);
    }

    /** The geometry of a pooling node (kernel_shape required; ceil_mode honoured). */
    static ConvGeometry pooling(NodeProto node, long[] x) {
        long[] kernel = Attributes.ints(node, "kernel_shape", null);
        if (kernel == null) {
            throw new NeuroLensException(node.getOpType() + " node '" + node.getName() + "' has no kernel_shape");
        }
        return build(node, x, kernel, 1, Attributes.integer(node, "ceil_mode", 0) != 0);
    }

    private static ConvGeometry build(NodeProto node, long[] x, long[] kernel, long group, boolean ceil) {
        int n = x.length - 2;
        long[] in = java.util.Arrays.copyOfRange(x, 2, x.length);
        for (long d : in) {
            if (d < 0) {
                throw new NeuroLensException("node '" + node.getName() + "' has a spatial size that is not fixed; "
                        + "explanations need fixed image sizes");
            }
        }
        long[] strides = Attributes.ints(node, "strides", Attributes.filled(n, 1));
        long[] dilations = Attributes.ints(node, "dilations", Attributes.filled(n, 1));
        long[] pads = Attributes.ints(node, "pads", Attributes.filled(2 * n, 0));
        String autoPad = Attributes.text(node, "auto_pad", "NOTSET");
        long[] begin = new long[n];
        long[] end = new long[n];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long kEff = dilations[i] * (kernel[i] - 1) + 1;
            switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = (in[i] + strides[i] - 1) / strides[i];
                    long total = Math.max(0, (out[i] - 1) * strides[i] + kEff - in[i]);
                    long small = total / 2;
                    begin[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    end[i] = total - begin[i];
                }
                case "VALID" -> {
                    begin[i] = 0;
                    end[i] = 0;
                    out[i] = (in[i] - kEff) / strides[i] + 1;
                }
                default -> {
                    begin[i] = pads[i];
                    end[i] = pads[i + n];
                    long span = in[i] + begin[i] + end[i] - kEff;
                    out[i] = (ceil ? (span + strides[i] - 1) / strides[i] : span / strides[i]) + 1;
                    if (ceil && (out[i] - 1) * strides[i] >= in[i] + begin[i]) {
                        out[i]--; // the last window must start inside the input or its begin pad
                    }
                }
            }
        }
        return new ConvGeometry(in, out, kernel, strides, dilations, begin, end, group);
    }

    /** Whether every stride is 1. */
    boolean unitStrides() {
        for (long st : strides) {
            if (st != 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@link #flippedPads()} are all non-negative (pads no larger than the dilated kernel). */
    boolean flippedPadsFit() {
        for (long p : flippedPads()) {
            if (p < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pads of the stride-1 VJP as a Conv with flipped weights: {@code k_eff − 1 − pad} at each end,
     * so that the result has the input's size ({@code out + pb' + pe' − k_eff + 1 = in}).
     */
    long[] flippedPads() {
        int n = in.length;
        long[] pads = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long kEff = dilations[i] * (kernel[i] - 1) + 1;
            pads[i] = kEff - 1 - padBegin[i];
            pads[i + n] = in[i] - out[i] + kEff - 1 - pads[i];
        }
        return pads;
    }

    /**
     * Pads and output_padding for a ConvTranspose from this node's output size back to its input
     * size: the transpose's output is {@code (out−1)·s + k_eff − pb − pe' + op}; we keep {@code pb},
     * and choose {@code pe' ≥ 0} and {@code 0 ≤ op < s} so that it equals {@code in} (a larger
     * {@code pe'} crops windows that ceil_mode let run past the end).
     *
     * @return {@code {pads (begin…, end…), output_padding}}
     */
    long[][] transposePadsAndOutputPadding() {
        int n = in.length;
        long[] pads = new long[2 * n];
        long[] outputPadding = new long[n];
        for (int i = 0; i < n; i++) {
            long kEff = dilations[i] * (kernel[i] - 1) + 1;
            long full = (out[i] - 1) * strides[i] + kEff - padBegin[i];
            long endPad = full - in[i];
            pads[i] = padBegin[i];
            if (endPad >= 0) {
                pads[i + n] = endPad;
            } else {
                pads[i + n] = 0;
                outputPadding[i] = -endPad;
            }
        }
        return new long[][] {pads, outputPadding};
    }
}
