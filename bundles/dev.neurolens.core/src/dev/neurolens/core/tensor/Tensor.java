package dev.neurolens.core.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A dense float32 tensor in row-major (C) order: a shape and its values, with no engine types.
 *
 * <p>Tensors are immutable values: the constructor copies nothing, so the factories below are the
 * only way in, and {@link #data()} hands out a copy. Engines read the values without copying
 * through {@link #buffer()}.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] values;

    private Tensor(int[] shape, float[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * A tensor that takes ownership of {@code values} (the caller must not change the array
     * afterwards).
     *
     * @throws IllegalArgumentException if the number of values does not match the shape
     */
    public static Tensor wrap(float[] values, int... shape) {
        int[] s = shape.clone();
        long n = elementCount(s);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " needs " + n
                    + " values, got " + values.length);
        }
        return new Tensor(s, values);
    }

    /** A tensor holding a copy of {@code values}. */
    public static Tensor of(float[] values, int... shape) {
        return wrap(values.clone(), shape);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        long n = elementCount(shape);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return new Tensor(shape.clone(), new float[(int) n]);
    }

    /** Stacks tensors of equal shape along a new leading (batch) axis. */
    public static Tensor stack(List<Tensor> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        int[] first = items.get(0).shape;
        int each = items.get(0).values.length;
        float[] out = new float[each * items.size()];
        for (int i = 0; i < items.size(); i++) {
            Tensor t = items.get(i);
            if (!Arrays.equals(first, t.shape)) {
                throw new IllegalArgumentException("cannot stack shapes " + Arrays.toString(first)
                        + " and " + Arrays.toString(t.shape));
            }
            System.arraycopy(t.values, 0, out, i * each, each);
        }
        int[] s = new int[first.length + 1];
        s[0] = items.size();
        System.arraycopy(first, 0, s, 1, first.length);
        return new Tensor(s, out);
    }

    /** Number of elements a shape holds. */
    public static long elementCount(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of axis {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** The value at a flat (row-major) index. */
    public float get(int flatIndex) {
        return values[flatIndex];
    }

    /** The value at a multi-dimensional index. */
    public float at(int... index) {
        return values[flatIndex(index)];
    }

    /** The row-major flat index of a multi-dimensional index. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for tensor of rank "
                    + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** A copy of the values. */
    public float[] data() {
        return values.clone();
    }

    /** The values as a read-only buffer, without copying. */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** The same values under another shape with the same number of elements. */
    public Tensor reshape(int... newShape) {
        return wrap(values, newShape);
    }

    /** Item {@code i} of the leading axis, e.g. one image of a batch. */
    public Tensor slice(int i) {
        if (shape.length == 0) {
            throw new IllegalStateException("cannot slice a scalar");
        }
        if (i < 0 || i >= shape[0]) {
            throw new IndexOutOfBoundsException("item " + i + " of " + shape[0]);
        }
        int each = values.length / Math.max(1, shape[0]);
        float[] out = Arrays.copyOfRange(values, i * each, (i + 1) * each);
        return new Tensor(Arrays.copyOfRange(shape, 1, shape.length), out);
    }

    /** Flat index of the first NaN or infinite value, or -1 if all values are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Flat index of the largest value (the first one on ties). */
    public int argMax() {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Shape as text, e.g. {@code [1, 3, 32, 32]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}
