package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VJP of a strided 2-D Conv without ConvTranspose: a stride-1 Conv of {@code g} that computes
 * every output phase at once ({@code s²} channel blocks) and a {@code DepthToSpace} that
 * interleaves them — ONNX Runtime runs this as one blocked (NCHWc) convolution, several times
 * faster than its ConvTranspose, for the same sums of the same products.
 *
 * <p>Per axis, with the forward {@code y[o] = Σ_κ w[κ]·x[o·s + κ·d − p]}, the input gradient at
 * {@code i = q·s + r} ({@code 0 ≤ r < s}) is {@code Σ w[κ]·g[o]} over the taps with
 * {@code o·s + κ·d = q·s + r + p}: writing {@code r + p = c·s + ρ}, the taps at dilated positions
 * {@code κ·d = m·s + ρ} read {@code g[q + c − m]}. So phase {@code r} is a stride-1 correlation of
 * {@code g} with a sub-kernel; the sub-kernels of all phases, placed on the common range of
 * offsets {@code c − m}, are the channel blocks of one Conv (zero where a phase has no tap). The
 * kernel is built from the weights by a constant 0/1 matrix, so ONNX Runtime folds it when the
 * session is created; LRP's modified weights go the same way.
 */
final class PolyphaseConv {
    private PolyphaseConv() {
    }

    /**
     * The phases of one spatial axis.
     *
     * @param span the combined sub-kernel length
     * @param padBegin the Conv's pad before {@code g}
     * @param padEnd the Conv's pad after {@code g}
     * @param rows the Conv's output length {@code ⌈in / s⌉} (cropped to {@code in} after interleaving)
     * @param tap {@code tap[r][j]}: the kernel index that phase {@code r} applies at offset {@code j}, or −1
     */
    record Axis(int span, long padBegin, long padEnd, long rows, int[][] tap) {

        /** The phases of an axis, or empty where the Conv would need negative pads (ConvTranspose then). */
        static Optional<Axis> of(long in, long out, long kernel, long stride, long dilation, long pad) {
            int s = (int) stride;
            long kEff = dilation * (kernel - 1) + 1;
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int r = 0; r < s; r++) {
                long c = Math.floorDiv(r + pad, stride);
                long rho = Math.floorMod(r + pad, stride);
                for (long m = 0; m * stride + rho < kEff; m++) {
                    if ((m * stride + rho) % dilation == 0) {
                        lo = Math.min(lo, c - m);
                        hi = Math.max(hi, c - m);
                    }
                }
            }
            if (lo == Long.MAX_VALUE) {
                return Optional.empty();
            }
            int span = (int) (hi - lo + 1);
            long rows = (in + stride - 1) / stride;
            long padBegin = -lo;
            long padEnd = rows - out - padBegin + span - 1;
            if (padBegin < 0 || padEnd < 0) {
                return Optional.empty();
            }
            int[][] tap = new int[s][span];
            for (int r = 0; r < s; r++) {
                Arrays.fill(tap[r], -1);
                long c = Math.floorDiv(r + pad, stride);
                long rho = Math.floorMod(r + pad, stride);
                for (long m = 0; m * stride + rho < kEff; m++) {
                    long position = m * stride + rho;
                    if (position % dilation == 0) {
                        tap[r][(int) (c - m - lo)] = (int) (position / dilation);
                    }
                }
            }
            return Optional.of(new Axis(span, padBegin, padEnd, rows, tap));
        }
    }

    /**
     * The input gradient of a 2-D Conv with equal strides > 1, or empty where the polyphase form
     * does not apply (other ranks, unequal strides, pads that would have to be negative).
     */
    static Optional<String> inputGradient(String g, String w, long[] ws, ConvGeometry geo, Emitter e) {
        if (ws.length != 4 || geo.strides()[0] != geo.strides()[1] || geo.strides()[0] < 2) {
            return Optional.empty();
        }
        long s = geo.strides()[0];
        Optional<Axis> oh = Axis.of(geo.in()[0], geo.out()[0], geo.kernel()[0], s, geo.dilations()[0],
                geo.padBegin()[0]);
        Optional<Axis> ow = Axis.of(geo.in()[1], geo.out()[1], geo.kernel()[1], s, geo.dilations()[1],
                geo.padBegin()[1]);
        if (oh.isEmpty() || ow.isEmpty()) {
            return Optional.empty();
        }
        Axis h = oh.get();
        Axis v = ow.get();
        long group = geo.group();
        long cOut = ws[0];
        long cInPerGroup = ws[1];
        int kh = (int) ws[2];
        int kw = (int) ws[3];
        int phases = (int) (s * s);
        int columns = phases * h.span() * v.span();
        // selection[κh·kw + κw][((rh·s + rw)·Lh + jh)·Lw + jw] = 1 where phase (rh, rw) applies tap (κh, κw) at (jh, jw)
        float[] selection = new float[kh * kw * columns];
        for (int rh = 0; rh < s; rh++) {
            for (int rw = 0; rw < s; rw++) {
                for (int jh = 0; jh < h.span(); jh++) {
                    for (int jw = 0; jw < v.span(); jw++) {
                        int th = h.tap()[rh][jh];
                        int tw = v.tap()[rw][jw];
                        if (th >= 0 && tw >= 0) {
                            int column = (((int) (rh * s + rw) * h.span() + jh) * v.span()) + jw;
                            selection[(th * kw + tw) * columns + column] = 1f;
                        }
                    }
                }
            }
        }
        String flat = e.node("Reshape", List.of(w, e.ints(cOut, cInPerGroup, (long) kh * kw)), Map.of());
        String picked = e.node("MatMul", List.of(flat, e.floats(selection, (long) kh * kw, columns)), Map.of());
        String split = e.node("Reshape", List.of(picked,
                e.ints(group, cOut / group, cInPerGroup, phases, h.span(), v.span())), Map.of());
        // output channel (group, input channel in the group, phase): CRD order, c·s² + phase
        String moved = e.node("Transpose", List.of(split), Map.of("perm", new long[] {0, 2, 3, 1, 4, 5}));
        String kernel = e.node("Reshape", List.of(moved,
                e.ints(group * cInPerGroup * phases, cOut / group, h.span(), v.span())), Map.of());
        String blocks = e.node("Conv", List.of(g, kernel), Map.of(
                "group", group,
                "kernel_shape", new long[] {h.span(), v.span()},
                "pads", new long[] {h.padBegin(), v.padBegin(), h.padEnd(), v.padEnd()}));
        String gx = interleave(blocks, group * cInPerGroup, s, h.rows(), v.rows(), e);
        if (h.rows() * s == geo.in()[0] && v.rows() * s == geo.in()[1]) {
            return Optional.of(gx);
        }
        return Optional.of(e.node("Slice", List.of(gx, e.ints(0, 0), e.ints(geo.in()[0], geo.in()[1]), e.ints(2, 3)),
                Map.of()));
    }

    /**
     * DepthToSpace in CRD order ({@code [N, C·s², Q, P] → [N, C, Q·s, P·s]}) as two transposes that
     * each move one axis inwards: ONNX Runtime copies those with tight loops, while its DepthToSpace
     * shuffles all six axes element by element (several times slower).
     */
    private static String interleave(String blocks, long channels, long s, long q, long p, Emitter e) {
        String six = e.node("Reshape", List.of(blocks, e.ints(0, channels, s, s, q, p)), Map.of());
        String columns = e.node("Transpose", List.of(six), Map.of("perm", new long[] {0, 1, 2, 4, 5, 3}));
        String rows = e.node("Reshape", List.of(columns, e.ints(0, channels, s, q, p * s)), Map.of());
        String moved = e.node("Transpose", List.of(rows), Map.of("perm", new long[] {0, 1, 3, 2, 4}));
        return e.node("Reshape", List.of(moved, e.ints(0, channels, q * s, p * s)), Map.of());
    }

    /**
     * Gradient contributions that are interleavings of phase blocks of one geometry (the strided
     * convolution and the option-A shortcut of a ResNet stage both send one to the stage's input)
     * summed in phase form, then interleaved once: one interleave instead of several, and the Sum
     * stays in ONNX Runtime's blocked layout (it can even fuse into the polyphase Conv). The other
     * contributions are returned unchanged; the replaced interleaves become unread and are dropped
     * by {@link GraphEmitter#removeUnread}.
     */
    static List<String> mergeInterleaved(List<String> parts, GraphEmitter e) {
        Map<String, List<Interleaved>> byGeometry = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String part : parts) {
            Optional<Interleaved> i = interleaved(part, e);
            if (i.isPresent()) {
                byGeometry.computeIfAbsent(Arrays.toString(i.get().six()), k -> new ArrayList<>()).add(i.get());
            } else {
                others.add(part);
            }
        }
        List<String> out = new ArrayList<>();
        for (List<Interleaved> group : byGeometry.values()) {
            if (group.size() == 1) {
                out.add(group.get(0).part());
                continue;
            }
            long[] six = group.get(0).six();
            String summed = e.node("Sum", group.stream().map(Interleaved::blocks).toList(), Map.of());
            out.add(interleave(summed, six[1], six[2], six[4], six[5], e));
        }
        out.addAll(others);
        return out;
    }

    /** A gradient contribution that {@link #interleave} made from {@code blocks} of shape {@code six}. */
    private record Interleaved(String part, String blocks, long[] six) {
    }

    /** The blocks and geometry behind {@code tensor} when it is the output of {@link #interleave}'s five nodes. */
    private static Optional<Interleaved> interleaved(String tensor, GraphEmitter e) {
        String[] ops = {"Reshape", "Transpose", "Reshape", "Transpose", "Reshape"};
        long[][] perms = {null, {0, 1, 3, 2, 4}, null, {0, 1, 2, 4, 5, 3}, null};
        String t = tensor;
        NodeProto first = null;
        for (int i = 0; i < ops.length; i++) {
            Optional<NodeProto> p = e.producer(t);
            if (p.isEmpty() || !p.get().getOpType().equals(ops[i])
                    || perms[i] != null && !Arrays.equals(perms[i], Attributes.ints(p.get(), "perm", null))) {
                return Optional.empty();
            }
            first = p.get();
            t = first.getInput(0);
        }
        String blocks = t;
        return e.emittedConstant(first.getInput(1)).map(c -> new Interleaved(tensor, blocks, LinearValues.longs(c)));
    }
}
