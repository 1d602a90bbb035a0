package dev.neurolens.graph.reference;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads constant tensors (initializers, {@code Constant} values) as {@link DoubleTensor}s, from
 * {@code raw_data} (little-endian) or from the typed fields, as the ONNX spec stores each type:
 * int32, int16, int8, uint8, uint16, bool and float16 bits live in {@code int32_data}, uint32 and
 * uint64 in {@code uint64_data}.
 */
final class TensorProtoValues {
    private TensorProtoValues() {
    }

    /**
     * @throws IllegalArgumentException for element types a reference evaluation has no use for
     *     (strings, complex, 8-bit floats) and for external data
     */
    static DoubleTensor read(TensorProto t) {
        int[] shape = Shapes.toInts(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        int n = Shapes.size(shape);
        DataType type = DataType.forNumber(t.getDataType());
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' keeps its data in an external file");
        }
        if (type == null) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' has unknown element type " + t.getDataType());
        }
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case FLOAT -> raw ? b.getFloat(4 * i) : t.getFloatData(i);
                case DOUBLE -> raw ? b.getDouble(8 * i) : t.getDoubleData(i);
                case INT64 -> raw ? b.getLong(8 * i) : t.getInt64Data(i);
                case INT32 -> raw ? b.getInt(4 * i) : t.getInt32Data(i);
                case INT16 -> raw ? b.getShort(2 * i) : t.getInt32Data(i);
                case UINT16 -> raw ? Short.toUnsignedInt(b.getShort(2 * i)) : t.getInt32Data(i);
                case INT8 -> raw ? b.get(i) : t.getInt32Data(i);
                case UINT8 -> raw ? Byte.toUnsignedInt(b.get(i)) : t.getInt32Data(i);
                case BOOL -> (raw ? b.get(i) : t.getInt32Data(i)) != 0 ? 1 : 0;
                case FLOAT16 -> Float.float16ToFloat(raw ? b.getShort(2 * i) : (short) t.getInt32Data(i));
                case UINT32 -> raw ? Integer.toUnsignedLong(b.getInt(4 * i)) : t.getUint64Data(i);
                case UINT64 -> raw ? unsigned(b.getLong(8 * i)) : unsigned(t.getUint64Data(i));
                default -> throw new IllegalArgumentException("tensor '" + t.getName() + "' holds " + type
                        + " values, which the reference evaluator does not read");
            };
        }
        DataType carried = type == DataType.FLOAT16 ? DataType.FLOAT : type;
        return DoubleTensor.wrap(v, shape, carried);
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
