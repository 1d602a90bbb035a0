package dev.neurolens.graph;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Reads the values of small int32/int64/float/double constant tensors (for display). */
final class TensorValues {

    private TensorValues() {
    }

    /**
     * The values of {@code t} if it holds at most {@code max} int32, int64, float or double values
     * stored in the file (raw or typed fields); otherwise an empty list.
     */
    static List<? extends Number> small(TensorProto t, int max) {
        long n = TensorTypes.elementCount(t);
        if (n > max || n == 0) {
            return List.of();
        }
        try {
            return read(t, (int) n);
        } catch (IndexOutOfBoundsException e) {
            return List.of(); // fewer values stored than the shape says: nothing to show
        }
    }

    private static List<? extends Number> read(TensorProto t, int n) {
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = !t.getRawData().isEmpty();
        List<Number> out = new ArrayList<>();
        switch (TensorProto.DataType.forNumber(t.getDataType())) {
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out.add(hasRaw ? raw.getLong(i * 8) : t.getInt64Data(i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out.add(hasRaw ? raw.getInt(i * 4) : t.getInt32Data(i));
                }
            }
            case FLOAT -> {
                for (int i = 0; i < n; i++) {
                    out.add(hasRaw ? raw.getFloat(i * 4) : t.getFloatData(i));
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out.add(hasRaw ? raw.getDouble(i * 8) : t.getDoubleData(i));
                }
            }
            case null, default -> {
                return List.of();
            }
        }
        return out;
    }
}
