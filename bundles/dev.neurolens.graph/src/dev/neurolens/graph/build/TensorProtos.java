package dev.neurolens.graph.build;

import com.google.protobuf.ByteString;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Constant ONNX tensors (initializers, {@code Constant} values) from Java arrays. Values are stored
 * in {@code raw_data}, little-endian, as the ONNX spec requires and as exporters write them.
 */
public final class TensorProtos {

    private TensorProtos() {
    }

    /**
     * A float32 tensor.
     *
     * @param name the tensor name ({@code ""} for a {@code Constant} node's value)
     * @param values the values in row-major order
     * @param shape the dimensions (none for a scalar)
     * @throws IllegalArgumentException if the shape does not hold {@code values.length} values
     */
    public static TensorProto floats(String name, float[] values, long... shape) {
        checkCount(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, TensorProto.DataType.FLOAT, b.array(), shape);
    }

    /**
     * An int64 tensor (shapes, axes, pads, indices).
     *
     * @param name the tensor name ({@code ""} for a {@code Constant} node's value)
     * @param values the values in row-major order
     * @param shape the dimensions (none for a scalar)
     * @throws IllegalArgumentException if the shape does not hold {@code values.length} values
     */
    public static TensorProto int64s(String name, long[] values, long... shape) {
        checkCount(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return tensor(name, TensorProto.DataType.INT64, b.array(), shape);
    }

    /** A 1-D int64 tensor of the given values. */
    public static TensorProto int64Vector(String name, long... values) {
        return int64s(name, values, values.length);
    }

    private static TensorProto tensor(String name, TensorProto.DataType type, byte[] raw, long[] shape) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    private static void checkCount(int count, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("constant tensors need fixed dimensions, got "
                        + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + count);
        }
    }
}
