package dev.neurolens.graph;

import com.google.protobuf.ByteString;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders node attributes as short text for listings, e.g. {@code strides -> [2, 2]},
 * {@code mode -> constant}, {@code value -> int64 [1] = [3]}.
 */
public final class AttributeText {

    private AttributeText() {
    }

    /** The attributes of {@code node} by name, in file order. */
    public static Map<String, String> of(NodeProto node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (AttributeProto a : node.getAttributeList()) {
            boolean castTarget = node.getOpType().equals("Cast") && a.getName().equals("to");
            out.put(a.getName(), castTarget ? TensorTypes.elementTypeName((int) a.getI()) : render(a));
        }
        return out;
    }

    /** One attribute's value as text. */
    public static String render(AttributeProto a) {
        return switch (typeOf(a)) {
            case FLOAT -> Float.toString(a.getF());
            case INT -> Long.toString(a.getI());
            case STRING -> a.getS().toStringUtf8();
            case TENSOR -> ConstantText.describe(a.getT());
            case GRAPH -> "graph '" + a.getG().getName() + "' (" + a.getG().getNodeCount() + " nodes)";
            case SPARSE_TENSOR -> "sparse " + ConstantText.describe(a.getSparseTensor().getValues());
            case FLOATS -> a.getFloatsList().toString();
            case INTS -> a.getIntsList().toString();
            case STRINGS -> strings(a.getStringsList());
            case TENSORS -> a.getTensorsCount() + " tensors";
            case GRAPHS -> a.getGraphsCount() + " graphs";
            case SPARSE_TENSORS -> a.getSparseTensorsCount() + " sparse tensors";
            case TYPE_PROTO -> "type";
            case TYPE_PROTOS -> a.getTypeProtosCount() + " types";
            case UNDEFINED -> "?";
        };
    }

    /** IR version 1 files leave the type out; then the field that is set tells. */
    private static AttributeProto.AttributeType typeOf(AttributeProto a) {
        if (a.hasType() && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            return a.getType();
        }
        if (a.hasF()) {
            return AttributeProto.AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeProto.AttributeType.INT;
        } else if (a.hasS()) {
            return AttributeProto.AttributeType.STRING;
        } else if (a.hasT()) {
            return AttributeProto.AttributeType.TENSOR;
        } else if (a.hasG()) {
            return AttributeProto.AttributeType.GRAPH;
        } else if (a.getFloatsCount() > 0) {
            return AttributeProto.AttributeType.FLOATS;
        } else if (a.getIntsCount() > 0) {
            return AttributeProto.AttributeType.INTS;
        } else if (a.getStringsCount() > 0) {
            return AttributeProto.AttributeType.STRINGS;
        }
        return AttributeProto.AttributeType.UNDEFINED;
    }

    private static String strings(List<ByteString> values) {
        return values.stream().map(v -> v.toStringUtf8()).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Element type, shape and, for tiny integer or float tensors, the values. */
    static final class ConstantText {
        private static final int MAX_VALUES = 8;

        private ConstantText() {
        }

        static String describe(TensorProto t) {
            String head = TensorTypes.elementTypeName(t.getDataType()) + " " + TensorTypes.shapeText(t);
            List<? extends Number> values = TensorValues.small(t, MAX_VALUES);
            return values.isEmpty() ? head : head + " = " + values;
        }
    }
}
