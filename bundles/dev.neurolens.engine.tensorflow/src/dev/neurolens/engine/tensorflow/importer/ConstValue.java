package dev.neurolens.engine.tensorflow.importer;

import java.util.Arrays;

/**
 * A tensor whose value the importer knows: a constant (weights, folded shape arithmetic) or an
 * integer shape vector some of whose entries are the batch size.
 *
 * @param integral whether the TensorFlow type is an integer type
 * @param shape the dimensions
 * @param values the values, row-major (floats and integers exactly)
 * @param batch for each value whether it is the batch size (only in shape vectors computed from
 *     the input's shape); {@code null} for true constants
 */
public record ConstValue(boolean integral, long[] shape, double[] values, boolean[] batch) {

    /** A true constant. */
    public static ConstValue of(boolean integral, long[] shape, double[] values) {
        return new ConstValue(integral, shape, values, null);
    }

    /** Whether some entry is the batch size. */
    public boolean dependsOnBatch() {
        if (batch == null) {
            return false;
        }
        for (boolean b : batch) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The values as floats. */
    public float[] floats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The values as longs. */
    public long[] longs() {
        return Arrays.stream(values).mapToLong(v -> (long) v).toArray();
    }

    /** The values as ints. */
    public int[] ints() {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }
}
