package dev.neurolens.graph.normalize;

import com.google.protobuf.ByteString;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Reads the values of constant tensors (int64/int32 shapes and axes, float weights) from
 * {@code raw_data} (little-endian) or the typed fields, and makes new constants in
 * {@code raw_data}, as exporters write them.
 */
final class Tensors {
    private Tensors() {
    }

    /** The element count of {@code t}'s shape (1 for a scalar). */
    static long count(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** The dimensions of {@code t}. */
    static long[] dims(TensorProto t) {
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDims(i);
        }
        return d;
    }

    /** The values of an int64 or int32 tensor stored in the file; empty for other types or external data. */
    static Optional<long[]> longs(TensorProto t) {
        if (external(t) || count(t) > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int n = (int) count(t);
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] v = new long[n];
        try {
            if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
                for (int i = 0; i < n; i++) {
                    v[i] = raw ? b.getLong(8 * i) : t.getInt64Data(i);
                }
            } else if (t.getDataType() == TensorProto.DataType.INT32_VALUE) {
                for (int i = 0; i < n; i++) {
                    v[i] = raw ? b.getInt(4 * i) : t.getInt32Data(i);
                }
            } else {
                return Optional.empty();
            }
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** The values of a float32 tensor stored in the file; empty for other types or external data. */
    static Optional<float[]> floats(TensorProto t) {
        if (external(t) || t.getDataType() != TensorProto.DataType.FLOAT_VALUE || count(t) > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int n = (int) count(t);
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[n];
        try {
            for (int i = 0; i < n; i++) {
                v[i] = raw ? b.getFloat(4 * i) : t.getFloatData(i);
            }
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** An int64 tensor of the given shape. */
    static TensorProto int64s(String name, long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return tensor(name, TensorProto.DataType.INT64_VALUE, b.array(), dims);
    }

    /** A 1-D int64 tensor. */
    static TensorProto int64Vector(String name, long... values) {
        return int64s(name, values, values.length);
    }

    /** A float32 tensor of the given shape. */
    static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, TensorProto.DataType.FLOAT_VALUE, b.array(), dims);
    }

    /** A float32 scalar (rank 0). */
    static TensorProto floatScalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    /** Renders the first values of a small integer constant, e.g. {@code [1, -1]}. */
    static String text(long[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return s.append(']').toString();
    }

    private static boolean external(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0;
    }

    private static TensorProto tensor(String name, int type, byte[] raw, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
