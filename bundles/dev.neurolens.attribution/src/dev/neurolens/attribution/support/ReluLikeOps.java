package dev.neurolens.attribution.support;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which nodes count as ReLU-like for Guided Backprop and DeconvNet: every {@code Relu} and
 * {@code LeakyRelu}, and a {@code Clip} whose minimum is the constant 0 (ReLU6 and other capped
 * ReLUs). A Clip with another or no minimum is not a rectifier and keeps its standard rule.
 */
public final class ReluLikeOps {
    /** The op types that may be ReLU-like. */
    public static final List<String> OP_TYPES = List.of("Relu", "LeakyRelu", "Clip");

    private ReluLikeOps() {
    }

    /**
     * Whether {@code node} is ReLU-like.
     *
     * @param constants looks up constant tensors (initializers, Constant nodes) by name
     */
    public static boolean isReluLike(NodeProto node, Function<String, Optional<TensorProto>> constants) {
        return switch (node.getOpType()) {
            case "Relu", "LeakyRelu" -> true;
            case "Clip" -> node.getInputCount() > 1 && !node.getInput(1).isEmpty()
                    && constants.apply(node.getInput(1)).flatMap(ReluLikeOps::firstFloat).map(v -> v == 0f)
                            .orElse(false);
            default -> false;
        };
    }

    /** The number of ReLU-like nodes of the model by op type, e.g. {@code {Relu=19}}. */
    public static Map<String, Integer> count(ModelProto model) {
        Map<String, TensorProto> constants = new HashMap<>();
        model.getGraph().getInitializerList().forEach(t -> constants.put(t.getName(), t));
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("Constant")) {
                n.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                        .map(AttributeProto::getT).ifPresent(t -> constants.put(n.getOutput(0), t));
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (isReluLike(n, name -> Optional.ofNullable(constants.get(name)))) {
                counts.merge(n.getOpType(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * What an overriding method reports about itself: {@code overridden} → the ReLU-like nodes of
     * the model, e.g. {@code 19 Relu}.
     */
    public static Map<String, String> report(LoadedModel model) {
        return Map.of("overridden", describe(count(GradientPass.runner(model).model())));
    }

    /** The counts as text for reports, e.g. {@code 19 Relu, 2 Clip}, or {@code none}. */
    public static String describe(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((op, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(op));
        return sb.toString();
    }

    /** The first value of a float32 (or float64) constant. */
    static Optional<Float> firstFloat(TensorProto t) {
        if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            if (t.getFloatDataCount() > 0) {
                return Optional.of(t.getFloatData(0));
            }
            if (t.getRawData().size() >= 4) {
                return Optional.of(t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat(0));
            }
        } else if (t.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
            if (t.getDoubleDataCount() > 0) {
                return Optional.of((float) t.getDoubleData(0));
            }
            if (t.getRawData().size() >= 8) {
                return Optional.of((float) t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble(0));
            }
        }
        return Optional.empty();
    }
}
