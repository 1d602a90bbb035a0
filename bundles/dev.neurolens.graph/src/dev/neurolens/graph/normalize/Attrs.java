package dev.neurolens.graph.normalize;

import com.google.protobuf.ByteString;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.Optional;
import java.util.Set;

/** Reads node attributes with the defaults of the ONNX operator specs, and builds new ones. */
final class Attrs {
    private Attrs() {
    }

    static Optional<AttributeProto> find(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static boolean has(NodeProto node, String name) {
        return find(node, name).isPresent();
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

    /** An int list attribute, if present. */
    static Optional<long[]> ints(NodeProto node, String name) {
        Optional<AttributeProto> a = find(node, name);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        long[] v = new long[a.get().getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get().getInts(i);
        }
        return Optional.of(v);
    }

    /** A float list attribute, if present. */
    static Optional<float[]> floats(NodeProto node, String name) {
        return find(node, name).map(a -> {
            float[] v = new float[a.getFloatsCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.getFloats(i);
            }
            return v;
        });
    }

    /** {@code node} without the attributes named in {@code names}. */
    static NodeProto.Builder without(NodeProto node, Set<String> names) {
        NodeProto.Builder b = node.toBuilder().clearAttribute();
        for (AttributeProto a : node.getAttributeList()) {
            if (!names.contains(a.getName())) {
                b.addAttribute(a);
            }
        }
        return b;
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
