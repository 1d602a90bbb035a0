package dev.neurolens.lrp.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads node attributes (as the {@code Emitter} takes them) and float constants. */
final class NodeAttributes {
    private NodeAttributes() {
    }

    /** Every attribute of {@code node} as an {@code Emitter} attribute value. */
    static Map<String, Object> all(NodeProto node) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (AttributeProto a : node.getAttributeList()) {
            Object v = switch (a.getType()) {
                case INT -> a.getI();
                case FLOAT -> a.getF();
                case STRING -> a.getS().toStringUtf8();
                case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                case FLOATS -> {
                    float[] f = new float[a.getFloatsCount()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = a.getFloats(i);
                    }
                    yield f;
                }
                default -> throw new NeuroLensException("node '" + node.getName() + "' has attribute '" + a.getName()
                        + "' of type " + a.getType() + ", which LRP cannot copy");
            };
            m.put(a.getName(), v);
        }
        return m;
    }

    static long integer(NodeProto node, String name, long defaultValue) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(AttributeProto::getI).orElse(defaultValue);
    }

    static float real(NodeProto node, String name, float defaultValue) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(AttributeProto::getF).orElse(defaultValue);
    }

    /**
     * The values of a float32 constant.
     *
     * @throws NeuroLensException if it is not float32
     */
    static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new NeuroLensException("constant '" + t.getName() + "' is not float32");
        }
        int n = (int) t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        float[] v = new float[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = t.getFloatData(i);
            }
        }
        return v;
    }
}
