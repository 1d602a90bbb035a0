package dev.neurolens.engine.tensorflow.importer;

import dev.neurolens.core.NeuroLensException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.tensorflow.RawTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/** Conversions between TensorFlow Java tensors and plain arrays. */
public final class TfTensors {

    private TfTensors() {
    }

    /** A float32 tensor of the given shape (the caller closes it). */
    public static TFloat32 floats(float[] values, long[] shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /** A float32 tensor of zeros. */
    public static TFloat32 zeros(long[] shape) {
        return TFloat32.tensorOf(Shape.of(shape));
    }

    /** The values of a float32 tensor. */
    public static float[] floatValues(Tensor t) {
        if (t.dataType() != DataType.DT_FLOAT) {
            throw new NeuroLensException("expected a float32 tensor, got " + t.dataType());
        }
        FloatBuffer fb = bytes(t).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    /** The value of any numeric tensor as a {@link ConstValue}. */
    public static ConstValue value(Tensor t) {
        long[] shape = t.shape().asArray();
        ByteBuffer b = bytes(t);
        int n = Math.toIntExact(t.shape().size());
        double[] v = new double[n];
        boolean integral = true;
        switch (t.dataType()) {
            case DT_FLOAT -> {
                integral = false;
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat(4 * i);
                }
            }
            case DT_DOUBLE -> {
                integral = false;
                for (int i = 0; i < n; i++) {
                    v[i] = b.getDouble(8 * i);
                }
            }
            case DT_INT32 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt(4 * i);
                }
            }
            case DT_INT64 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getLong(8 * i);
                }
            }
            case DT_BOOL -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i);
                }
            }
            default -> throw new NeuroLensException("cannot read a " + t.dataType() + " tensor");
        }
        return ConstValue.of(integral, shape, v);
    }

    private static ByteBuffer bytes(Tensor t) {
        RawTensor raw = t.asRawTensor();
        byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
        raw.data().read(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }
}
