package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the values of small constant integer tensors (axes, starts, pads) from a TensorProto. */
final class LinearValues {
    private LinearValues() {
    }

    static long[] longs(TensorProto t) {
        int n = (int) t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        long[] v = new long[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (!t.getRawData().isEmpty()) {
                    ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                if (!t.getRawData().isEmpty()) {
                    var b = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
                    for (int i = 0; i < n; i++) {
                        v[i] = b.get(i);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt32Data(i);
                    }
                }
            }
            default -> throw new NeuroLensException("constant '" + t.getName() + "' is not an integer tensor");
        }
        return v;
    }
}
