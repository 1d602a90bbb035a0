package dev.neurolens.engine.tensorflow.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.proto.NodeDef;

/** Reshape-likes, Transpose, Pad, StridedSlice and ConcatV2. */
final class ShapeOps {

    private ShapeOps() {
    }

    /**
     * {@code Reshape} to a constant shape; an entry that is the batch size (Keras' {@code Flatten}
     * computes {@code [batch, -1]}) becomes ONNX's "copy this dimension" {@code 0} on the batch axis.
     */
    static void reshape(Conversion c, NodeDef n) {
        Val x = c.asIs(c.val(n, 0));
        ConstValue shape = c.constant(n, 1);
        long[] dims = shape.longs();
        if (shape.batch() != null) {
            for (int i = 0; i < dims.length; i++) {
                if (shape.batch()[i]) {
                    if (i != 0 || x.shape()[0] >= 0) {
                        throw Conversion.unsupported(n, "its shape has the batch size at position " + i);
                    }
                    dims[i] = 0;
                }
            }
        }
        for (long d : dims) {
            if (d == 0 && shape.batch() == null) {
                throw Conversion.unsupported(n, "a reshape to a zero-sized dimension");
            }
        }
        String target = c.longs(n.getName() + "/shape", dims);
        c.define(n, c.node("Reshape", n, x.name(), target).output(), false);
    }

    /** {@code Squeeze} of the listed axes (or of every static 1, as TensorFlow does without a list). */
    static void squeeze(Conversion c, NodeDef n) {
        Val x = c.asIs(c.val(n, 0));
        long[] axes = Conversion.ints(n, "squeeze_dims");
        if (axes.length == 0) {
            List<Long> ones = new ArrayList<>();
            for (int i = 0; i < x.rank(); i++) {
                if (x.shape()[i] == 1) {
                    ones.add((long) i);
                }
            }
            axes = ones.stream().mapToLong(Long::longValue).toArray();
        }
        String a = c.longs(n.getName() + "/axes", axes);
        c.define(n, c.node("Squeeze", n, x.name(), a).output(), false);
    }

    /** {@code ExpandDims} = {@code Unsqueeze}. */
    static void expandDims(Conversion c, NodeDef n) {
        Val x = c.asIs(c.val(n, 0));
        String a = c.longs(n.getName() + "/axes", c.constant(n, 1).longs());
        c.define(n, c.node("Unsqueeze", n, x.name(), a).output(), false);
    }

    /** {@code Transpose}; transposing an NCHW-held tensor to NCHW is free. */
    static void transpose(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        long[] perm = c.constant(n, 1).longs();
        if (x.nchw() && Arrays.equals(perm, Layout.TO_NCHW)) {
            c.alias(n, new Val(x.name(), c.outShape(n), false));
            return;
        }
        x = c.asIs(x);
        c.define(n, c.node("Transpose", n, x.name()).ints("perm", perm).output(), false);
    }

    /** {@code Pad} / {@code PadV2} in constant mode; an NCHW-held input gets its paddings permuted. */
    static void pad(Conversion c, NodeDef n) {
        Val x = c.val(n, 0);
        long[] p = c.constant(n, 1).longs();
        int rank = p.length / 2;
        long[] pads = new long[2 * rank];
        for (int phys = 0; phys < rank; phys++) {
            int logical = x.nchw() ? (int) Layout.TO_NCHW[phys] : phys;
            pads[phys] = p[2 * logical];
            pads[rank + phys] = p[2 * logical + 1];
        }
        float value = n.getOp().equals("PadV2") ? c.constant(n, 2).floats()[0] : 0f;
        String padsName = c.longs(n.getName() + "/pads", pads);
        String valueName = c.floats(n.getName() + "/value", new float[] {value});
        c.define(n, c.node("Pad", n, x.name(), padsName, valueName).attr("mode", "constant").output(), x.nchw());
    }

    /** {@code StridedSlice} without ellipsis or new axes: {@code Slice}, then {@code Squeeze} of shrunk axes. */
    static void stridedSlice(Conversion c, NodeDef n) {
        if (Conversion.integer(n, "ellipsis_mask", 0) != 0 || Conversion.integer(n, "new_axis_mask", 0) != 0) {
            throw Conversion.unsupported(n, "ellipsis and new-axis masks are not supported");
        }
        Val x = c.asIs(c.val(n, 0));
        long[] begin = c.constant(n, 1).longs();
        long[] end = c.constant(n, 2).longs();
        long[] steps = c.constant(n, 3).longs();
        long beginMask = Conversion.integer(n, "begin_mask", 0);
        long endMask = Conversion.integer(n, "end_mask", 0);
        long shrinkMask = Conversion.integer(n, "shrink_axis_mask", 0);
        int k = begin.length;
        long[] starts = new long[k];
        long[] ends = new long[k];
        long[] axes = new long[k];
        List<Long> shrink = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            axes[i] = i;
            boolean up = steps[i] > 0;
            starts[i] = (beginMask >> i & 1) != 0 ? (up ? 0 : Long.MAX_VALUE) : begin[i];
            ends[i] = (endMask >> i & 1) != 0 ? (up ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i];
            if ((shrinkMask >> i & 1) != 0) {
                starts[i] = begin[i];
                ends[i] = begin[i] == -1 ? Long.MAX_VALUE : begin[i] + 1;
                steps[i] = 1;
                shrink.add((long) i);
            }
        }
        String s = c.longs(n.getName() + "/starts", starts);
        String e = c.longs(n.getName() + "/ends", ends);
        String a = c.longs(n.getName() + "/axes", axes);
        String st = c.longs(n.getName() + "/steps", steps);
        String sliced = (shrink.isEmpty() ? c.node("Slice", n, x.name(), s, e, a, st)
                : c.helper("Slice", n.getName() + "/slice", x.name(), s, e, a, st)).output();
        if (shrink.isEmpty()) {
            c.define(n, sliced, false);
        } else {
            String sq = c.longs(n.getName() + "/shrink", shrink.stream().mapToLong(Long::longValue).toArray());
            c.define(n, c.node("Squeeze", n, sliced, sq).output(), false);
        }
    }

    /** {@code ConcatV2}; image tensors held NCHW are concatenated as such. */
    static void concat(Conversion c, NodeDef n) {
        int count = n.getInputCount() - 1;
        long axis = c.constant(n, count).longs()[0];
        List<Val> parts = new ArrayList<>();
        boolean anyNchw = false;
        boolean all4 = true;
        for (int i = 0; i < count; i++) {
            Val v = c.val(n, i);
            parts.add(v);
            anyNchw |= v.nchw();
            all4 &= v.rank() == 4;
        }
        boolean nchw = anyNchw && all4;
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = (nchw ? c.asNchw(parts.get(i)) : c.asIs(parts.get(i))).name();
        }
        int rank = parts.get(0).rank();
        long logical = axis < 0 ? axis + rank : axis;
        long onnxAxis = nchw ? Layout.physicalAxis(logical) : logical;
        c.define(n, c.node("Concat", n, names).attr("axis", onnxAxis).output(), nchw);
    }
}
