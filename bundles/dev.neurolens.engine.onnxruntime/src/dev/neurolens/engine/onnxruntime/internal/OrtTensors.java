package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.neurolens.core.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** Conversions between NeuroLens tensors and ONNX Runtime tensors. */
final class OrtTensors {

    private OrtTensors() {
    }

    /** A native tensor holding a copy of {@code t}; the caller closes it. */
    static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
        return OnnxTensor.createTensor(env, t.buffer(), Arrays.stream(t.shape()).asLongStream().toArray());
    }

    /** Whether {@code value} is a float tensor, the only kind a {@link Tensor} can hold. */
    static boolean isFloat(OnnxValue value) {
        return value instanceof OnnxTensor tensor && tensor.getInfo().type == OnnxJavaType.FLOAT;
    }

    /** A copy of a float tensor's values and shape. */
    static Tensor fromOrt(OnnxTensor value) {
        TensorInfo info = value.getInfo();
        int[] shape = Arrays.stream(info.getShape()).mapToInt(Math::toIntExact).toArray();
        FloatBuffer buffer = value.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return Tensor.wrap(data, shape);
    }
}
