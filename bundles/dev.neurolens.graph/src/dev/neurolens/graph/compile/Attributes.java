package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.Optional;

/** Reads a node's attributes with defaults, as the ONNX operator specs define them. */
final class Attributes {
    private Attributes() {
    }

    static Optional<AttributeProto> find(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    static long integer(NodeProto node, String name, long defaultValue) {
        return find(node, name).map(AttributeProto::getI).orElse(defaultValue);
    }

    static float real(NodeProto node, String name, float defaultValue) {
        return find(node, name).map(AttributeProto::getF).orElse(defaultValue);
    }

    static String text(NodeProto node, String name, String defaultValue) {
        return find(node, name).map(a -> a.getS().toStringUtf8()).orElse(defaultValue);
    }

    /** An int list attribute, or {@code defaultValue} (which may be null) when absent. */
    static long[] ints(NodeProto node, String name, long[] defaultValue) {
        return find(node, name).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
                .orElse(defaultValue);
    }

    /** An int list of {@code n} copies of {@code fill}. */
    static long[] filled(int n, long fill) {
        long[] v = new long[n];
        java.util.Arrays.fill(v, fill);
        return v;
    }
}
