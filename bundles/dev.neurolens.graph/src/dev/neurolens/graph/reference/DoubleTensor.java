package dev.neurolens.graph.reference;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import java.util.Arrays;

/**
 * An immutable tensor of float64 values with its shape and its ONNX element type, as the
 * {@link ReferenceEvaluator} computes them. Integer and boolean tensors (shapes, indices, masks)
 * are carried as exact doubles (every int64 up to 2<sup>53</sup> is exact; shapes and indices stay
 * far below that); their {@link #elementType()} says what they stand for.
 */
public final class DoubleTensor {
    private final int[] shape;
    private final double[] values;
    private final DataType type;

    private DoubleTensor(int[] shape, double[] values, DataType type) {
        long n = elementCount(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + values.length);
        }
        this.shape = shape;
        this.values = values;
        this.type = type;
    }

    /** A real tensor (element type {@code DOUBLE}) of the given values (copied) and shape. */
    public static DoubleTensor of(double[] values, int... shape) {
        return new DoubleTensor(shape.clone(), values.clone(), DataType.DOUBLE);
    }

    /** A real tensor of float32 values, converted exactly; element type {@code FLOAT}. */
    public static DoubleTensor ofFloats(float[] values, int... shape) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return new DoubleTensor(shape.clone(), v, DataType.FLOAT);
    }

    /** An int64 tensor (shapes, axes, indices). */
    public static DoubleTensor ofLongs(long[] values, int... shape) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return new DoubleTensor(shape.clone(), v, DataType.INT64);
    }

    /** A real scalar (rank 0). */
    public static DoubleTensor scalar(double value) {
        return new DoubleTensor(new int[0], new double[] {value}, DataType.DOUBLE);
    }

    /** A real tensor of zeros. */
    public static DoubleTensor zeros(int... shape) {
        return new DoubleTensor(shape.clone(), new double[Math.toIntExact(elementCount(shape))], DataType.DOUBLE);
    }

    /** Wraps without copying; for the evaluator's ops, which never change an array once wrapped. */
    static DoubleTensor wrap(double[] values, int[] shape, DataType type) {
        return new DoubleTensor(shape, values, type);
    }

    /** The dimensions (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The dimensions as longs, as ONNX writes them. */
    public long[] longShape() {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of one dimension; negative axes count from the end. */
    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** What the values stand for: {@code FLOAT}/{@code DOUBLE} for reals, {@code INT64}, {@code BOOL}, … */
    public DataType elementType() {
        return type;
    }

    /** Whether the values stand for integers or booleans. */
    public boolean isInteger() {
        return switch (type) {
            case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> false;
            default -> true;
        };
    }

    /** The value at a flat (row-major) index. */
    public double get(int flatIndex) {
        return values[flatIndex];
    }

    /** The value at a multi-index. */
    public double at(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for a tensor of rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return values[flat];
    }

    /** The values in row-major order (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The values rounded to float32. */
    public float[] toFloats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The values as longs (for integer tensors; reals are truncated toward zero). */
    public long[] toLongs() {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) values[i];
        }
        return l;
    }

    /** The same values with another shape of the same size. */
    public DoubleTensor reshape(int... newShape) {
        return new DoubleTensor(newShape.clone(), values, type);
    }

    /** The same values, standing for another element type (no conversion). */
    public DoubleTensor withType(DataType newType) {
        return new DoubleTensor(shape, values, newType);
    }

    /** A copy with one value replaced. */
    public DoubleTensor with(int flatIndex, double value) {
        double[] v = values.clone();
        v[flatIndex] = value;
        return new DoubleTensor(shape, v, type);
    }

    /**
     * {@code this + scale * direction}, elementwise.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public DoubleTensor plus(DoubleTensor direction, double scale) {
        requireSameShape(direction);
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] + scale * direction.values[i];
        }
        return new DoubleTensor(shape, v, type);
    }

    /**
     * The inner product {@code Σ this[i]·other[i]}.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public double dot(DoubleTensor other) {
        requireSameShape(other);
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[i] * other.values[i];
        }
        return s;
    }

    /** The largest absolute value (the ∞-norm); 0 for an empty tensor. */
    public double maxAbs() {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The Euclidean norm. */
    public double norm() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Values of the backing array, for the evaluator's ops (never modified). */
    double[] data() {
        return values;
    }

    /** The shape without a copy, for the evaluator's ops (never modified). */
    int[] dims() {
        return shape;
    }

    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    private void requireSameShape(DoubleTensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(shape) + " and "
                    + Arrays.toString(other.shape));
        }
    }

    /** Equal shapes, element types and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleTensor t && type == t.type && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(values)) + type.hashCode();
    }

    /** Element type, shape and the first values, e.g. {@code double[2, 3] [1.0, 2.0, …]}. */
    @Override
    public String toString() {
        int show = Math.min(values.length, 8);
        StringBuilder b = new StringBuilder(type.name().toLowerCase(java.util.Locale.ROOT))
                .append(Arrays.toString(shape)).append(" [");
        for (int i = 0; i < show; i++) {
            b.append(i > 0 ? ", " : "").append(values[i]);
        }
        return b.append(values.length > show ? ", …]" : "]").toString();
    }
}
