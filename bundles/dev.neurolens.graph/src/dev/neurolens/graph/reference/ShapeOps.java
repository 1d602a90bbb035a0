package dev.neurolens.graph.reference;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Operators that move values without computing new ones (Reshape, Flatten, Transpose, Squeeze,
 * Unsqueeze, Concat, Gather) and the constant shape arithmetic around them (Constant, Shape,
 * ConstantOfShape).
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static void register(Map<String, Op> ops) {
        ops.put("Reshape", Op.single(ShapeOps::reshape));
        ops.put("Flatten", Op.single(ShapeOps::flatten));
        ops.put("Transpose", Op.single(ShapeOps::transpose));
        ops.put("Squeeze", Op.single(ShapeOps::squeeze));
        ops.put("Unsqueeze", Op.single(ShapeOps::unsqueeze));
        ops.put("Concat", Op.single(ShapeOps::concat));
        ops.put("Gather", Op.single(ShapeOps::gather));
        ops.put("Shape", Op.single(ShapeOps::shape));
        ops.put("ConstantOfShape", Op.single(ShapeOps::constantOfShape));
        ops.put("Constant", Op.single(ShapeOps::constant));
    }

    /** Reshape-14: 0 copies the input's dimension (unless allowzero), one -1 takes what is left. */
    private static DoubleTensor reshape(OpNode n) {
        DoubleTensor x = n.input(0);
        long[] target = n.input(1).toLongs();
        boolean allowZero = n.integer("allowzero", 0) != 0;
        int[] shape = new int[target.length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long d = target[i];
            if (d == 0 && !allowZero) {
                if (i >= x.rank()) {
                    throw new IllegalArgumentException("Reshape copies dimension " + i + " of a rank-" + x.rank() + " input");
                }
                d = x.dim(i);
            }
            if (d == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("Reshape allows one -1, got " + Arrays.toString(target));
                }
                inferred = i;
                continue;
            }
            if (d < 0) {
                throw new IllegalArgumentException("Reshape to " + Arrays.toString(target));
            }
            shape[i] = Math.toIntExact(d);
            known *= d;
        }
        if (inferred >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x.dims()) + " to "
                        + Arrays.toString(target));
            }
            shape[inferred] = Math.toIntExact(x.size() / known);
        }
        if (Shapes.size(shape) != x.size()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x.dims()) + " to "
                    + Arrays.toString(target));
        }
        return x.reshape(shape);
    }

    /** Flatten-13: {@code [d0⋯d(axis-1), d(axis)⋯d(n-1)]}; axis in {@code [-r, r]}, default 1. */
    private static DoubleTensor flatten(OpNode n) {
        DoubleTensor x = n.input(0);
        long a = n.integer("axis", 1);
        int axis = (int) (a < 0 ? a + x.rank() : a);
        if (axis < 0 || axis > x.rank()) {
            throw new IllegalArgumentException("Flatten axis " + a + " for rank " + x.rank());
        }
        int outer = Shapes.size(Arrays.copyOfRange(x.dims(), 0, axis));
        return x.reshape(outer, x.size() / Math.max(outer, 1));
    }

    /** Transpose-13: output axis i is input axis perm[i]; the default reverses the axes. */
    private static DoubleTensor transpose(OpNode n) {
        DoubleTensor x = n.input(0);
        int r = x.rank();
        int[] perm = n.intList("perm", null);
        if (perm == null) {
            perm = new int[r];
            for (int i = 0; i < r; i++) {
                perm[i] = r - 1 - i;
            }
        }
        if (perm.length != r) {
            throw new IllegalArgumentException("Transpose perm " + Arrays.toString(perm) + " for rank " + r);
        }
        int[] s = x.dims();
        int[] inStrides = Shapes.strides(s);
        int[] shape = new int[r];
        int[] step = new int[r];
        for (int i = 0; i < r; i++) {
            shape[i] = s[perm[i]];
            step[i] = inStrides[perm[i]];
        }
        return DoubleTensor.wrap(gatherStrided(x.data(), shape, step, 0), shape, x.elementType());
    }

    /** Values at {@code offset + Σ idx[a]·step[a]} for every multi-index of {@code shape}. */
    static double[] gatherStrided(double[] v, int[] shape, int[] step, int offset) {
        int n = Shapes.size(shape);
        double[] out = new double[n];
        int r = shape.length;
        int[] idx = new int[r];
        int flat = offset;
        for (int i = 0; i < n; i++) {
            out[i] = v[flat];
            for (int a = r - 1; a >= 0; a--) {
                idx[a]++;
                flat += step[a];
                if (idx[a] < shape[a]) {
                    break;
                }
                flat -= step[a] * idx[a];
                idx[a] = 0;
            }
        }
        return out;
    }

    /** Squeeze-13: removes the given axes (second input; an attribute before 13), all 1s by default. */
    private static DoubleTensor squeeze(OpNode n) {
        DoubleTensor x = n.input(0);
        long[] axes = n.optionalInput(1).map(DoubleTensor::toLongs).orElse(n.ints("axes", null));
        boolean[] drop = new boolean[x.rank()];
        if (axes == null) {
            for (int i = 0; i < x.rank(); i++) {
                drop[i] = x.dim(i) == 1;
            }
        } else {
            for (long a : axes) {
                int axis = Shapes.axis(a, x.rank());
                if (x.dim(axis) != 1) {
                    throw new IllegalArgumentException("Squeeze axis " + a + " has size " + x.dim(axis));
                }
                drop[axis] = true;
            }
        }
        List<Integer> shape = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            if (!drop[i]) {
                shape.add(x.dim(i));
            }
        }
        return x.reshape(shape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Unsqueeze-13: inserts axes of size 1 at the given positions of the output. */
    private static DoubleTensor unsqueeze(OpNode n) {
        DoubleTensor x = n.input(0);
        long[] axes = n.optionalInput(1).map(DoubleTensor::toLongs).orElse(n.ints("axes", null));
        if (axes == null) {
            throw new IllegalArgumentException("Unsqueeze needs axes");
        }
        int r = x.rank() + axes.length;
        boolean[] inserted = new boolean[r];
        for (long a : axes) {
            int axis = Shapes.axis(a, r);
            if (inserted[axis]) {
                throw new IllegalArgumentException("Unsqueeze axis " + a + " given twice");
            }
            inserted[axis] = true;
        }
        int[] shape = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            shape[i] = inserted[i] ? 1 : x.dim(j++);
        }
        return x.reshape(shape);
    }

    /** Concat-13 along {@code axis}. */
    private static DoubleTensor concat(OpNode n) {
        List<DoubleTensor> parts = new ArrayList<>();
        for (int k = 0; k < n.inputCount(); k++) {
            parts.add(n.input(k));
        }
        int r = parts.get(0).rank();
        int axis = Shapes.axis(n.integer("axis", 0), r);
        int[] shape = parts.get(0).dims().clone();
        shape[axis] = 0;
        for (DoubleTensor p : parts) {
            for (int a = 0; a < r; a++) {
                if (p.rank() != r || a != axis && p.dim(a) != shape[a]) {
                    throw new IllegalArgumentException("Concat of " + Arrays.toString(parts.get(0).dims()) + " and "
                            + Arrays.toString(p.dims()) + " along axis " + axis);
                }
            }
            shape[axis] += p.dim(axis);
        }
        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(shape, axis + 1, r));
        double[] out = new double[Shapes.size(shape)];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (DoubleTensor p : parts) {
                int len = p.dim(axis) * inner;
                System.arraycopy(p.data(), o * len, out, at, len);
                at += len;
            }
        }
        return DoubleTensor.wrap(out, shape, parts.get(0).elementType());
    }

    /** Gather-13: {@code data.shape[:axis] + indices.shape + data.shape[axis+1:]}; negative indices count from the end. */
    private static DoubleTensor gather(OpNode n) {
        DoubleTensor data = n.input(0);
        DoubleTensor indices = n.input(1);
        int r = data.rank();
        int axis = Shapes.axis(n.integer("axis", 0), r);
        int[] s = data.dims();
        int outer = Shapes.size(Arrays.copyOfRange(s, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(s, axis + 1, r));
        long[] idx = indices.toLongs();
        double[] out = new double[outer * idx.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < idx.length; i++) {
                long j = idx[i] < 0 ? idx[i] + s[axis] : idx[i];
                if (j < 0 || j >= s[axis]) {
                    throw new IllegalArgumentException("Gather index " + idx[i] + " outside axis of size " + s[axis]);
                }
                System.arraycopy(data.data(), (int) ((o * s[axis] + j) * inner), out, (o * idx.length + i) * inner, inner);
            }
        }
        int[] shape = new int[r - 1 + indices.rank()];
        System.arraycopy(s, 0, shape, 0, axis);
        System.arraycopy(indices.dims(), 0, shape, axis, indices.rank());
        System.arraycopy(s, axis + 1, shape, axis + indices.rank(), r - axis - 1);
        return DoubleTensor.wrap(out, shape, data.elementType());
    }

    /** Shape-15: the input's dimensions {@code [start, end)} (clamped; negative count from the end), int64. */
    private static DoubleTensor shape(OpNode n) {
        int[] s = n.input(0).dims();
        int r = s.length;
        long start = n.integer("start", 0);
        long end = n.integer("end", r);
        int from = (int) Math.min(Math.max(start < 0 ? start + r : start, 0), r);
        int to = (int) Math.min(Math.max(end < 0 ? end + r : end, 0), r);
        long[] dims = new long[Math.max(0, to - from)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s[from + i];
        }
        return DoubleTensor.ofLongs(dims, dims.length);
    }

    /** ConstantOfShape-9: a tensor of the given shape filled with {@code value} (float 0 by default). */
    private static DoubleTensor constantOfShape(OpNode n) {
        int[] shape = Shapes.toInts(n.input(0).toLongs());
        DoubleTensor value = n.tensor("value").map(TensorProtoValues::read)
                .orElse(DoubleTensor.wrap(new double[] {0}, new int[] {1}, DataType.FLOAT));
        double[] v = new double[Shapes.size(shape)];
        Arrays.fill(v, value.get(0));
        return DoubleTensor.wrap(v, shape, value.elementType());
    }

    /** Constant-13: value (a tensor), value_float(s) or value_int(s). */
    private static DoubleTensor constant(OpNode n) {
        if (n.tensor("value").isPresent()) {
            return TensorProtoValues.read(n.tensor("value").get());
        }
        if (n.has("value_float")) {
            return DoubleTensor.wrap(new double[] {n.real("value_float", 0)}, new int[0], DataType.FLOAT);
        }
        if (n.has("value_floats")) {
            double[] v = n.reals("value_floats", new double[0]);
            return DoubleTensor.wrap(v, new int[] {v.length}, DataType.FLOAT);
        }
        if (n.has("value_int")) {
            return DoubleTensor.wrap(new double[] {n.integer("value_int", 0)}, new int[0], DataType.INT64);
        }
        if (n.has("value_ints")) {
            long[] v = n.ints("value_ints", new long[0]);
            return DoubleTensor.ofLongs(v, v.length);
        }
        throw new IllegalArgumentException("Constant without a value, value_float(s) or value_int(s)");
    }
}
