package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Static ranks of a graph's tensors, as far as they follow from the recorded shapes (inputs,
 * outputs, value_info), the constants, and the rank rules of common CNN ops. A tensor whose rank
 * does not follow is absent; passes that need a rank then take the general path or leave the
 * node alone.
 */
final class Ranks {
    /** Ops whose first output has the rank of their first input. */
    private static final Set<String> SAME_AS_FIRST = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip",
            "HardSigmoid", "HardSwish", "Dropout", "Identity", "Softmax", "LogSoftmax", "Hardmax",
            "BatchNormalization", "InstanceNormalization", "LRN", "Cast", "Abs", "Neg", "Exp", "Log", "Sqrt",
            "Erf", "Elu", "Selu", "Softplus", "Softsign", "Floor", "Ceil", "Reciprocal", "Sign", "Round", "Not",
            "Pad", "Slice", "Conv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
            "GlobalMaxPool", "GlobalLpPool", "Resize", "Upsample", "LpNormalization", "DepthToSpace",
            "SpaceToDepth", "CumSum", "Transpose", "Tile", "Split", "ThresholdedRelu", "Celu", "Mish", "Gelu");
    /** Ops with broadcasting whose output rank is the largest input rank. */
    private static final Set<String> BROADCASTING = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum",
            "Mean", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor", "Where",
            "PRelu", "Mod");
    private static final Set<String> REDUCTIONS = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp",
            "ArgMax", "ArgMin");

    private Ranks() {
    }

    /** The ranks of {@code g}'s tensors that can be known statically. */
    static Map<String, Integer> of(GraphEdit g) {
        Map<String, Integer> r = new HashMap<>();
        for (List<ValueInfoProto> list : List.of(g.valueInfo(), g.inputs(), g.outputs())) {
            for (ValueInfoProto v : list) {
                if (v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                    r.put(v.getName(), v.getType().getTensorType().getShape().getDimCount());
                }
            }
        }
        g.initializers().forEach((name, t) -> r.put(name, t.getDimsCount()));
        for (NodeProto n : g.nodes()) {
            if (!GraphEdit.isDefaultDomain(n) || n.getOutputCount() == 0) {
                continue;
            }
            Optional<Integer> rank = rank(n, r, g);
            if (rank.isPresent()) {
                for (int k = 0; k < n.getOutputCount(); k++) {
                    boolean sameRankOutput = k == 0 || n.getOpType().equals("Split");
                    if (sameRankOutput && !n.getOutput(k).isEmpty()) {
                        r.putIfAbsent(n.getOutput(k), rank.get());
                    }
                }
            }
        }
        return r;
    }

    private static Optional<Integer> rank(NodeProto n, Map<String, Integer> r, GraphEdit g) {
        String op = n.getOpType();
        Optional<Integer> first = n.getInputCount() > 0 ? Optional.ofNullable(r.get(n.getInput(0))) : Optional.empty();
        if (SAME_AS_FIRST.contains(op)) {
            return first;
        }
        if (BROADCASTING.contains(op)) {
            int max = 0;
            for (String in : n.getInputList()) {
                Integer k = r.get(in);
                if (k == null) {
                    return Optional.empty();
                }
                max = Math.max(max, k);
            }
            return Optional.of(max);
        }
        return switch (op) {
            case "Constant" -> Attrs.find(n, "value").filter(a -> a.hasT()).map(a -> a.getT().getDimsCount());
            case "Gemm", "Flatten" -> Optional.of(2);
            case "Shape" -> Optional.of(1);
            case "Size" -> Optional.of(0);
            case "MatMul" -> matMul(r.get(n.getInput(0)), r.get(n.getInput(1)));
            case "Reshape" -> g.constant(n.getInput(1)).map(t -> (int) Tensors.count(t));
            case "ConstantOfShape" -> g.constant(n.getInput(0)).map(t -> (int) Tensors.count(t));
            case "Concat" -> n.getInputList().stream().map(r::get).filter(k -> k != null).findFirst();
            case "Squeeze" -> axes(n, g).flatMap(a -> first.map(k -> k - a.length));
            case "Unsqueeze" -> axes(n, g).flatMap(a -> first.map(k -> k + a.length));
            case "Gather" -> first.flatMap(k -> Optional.ofNullable(r.get(n.getInput(1))).map(i -> k - 1 + i));
            default -> REDUCTIONS.contains(op) ? reduction(n, first, g) : Optional.empty();
        };
    }

    private static Optional<Integer> matMul(Integer a, Integer b) {
        if (a == null || b == null) {
            return Optional.empty();
        }
        if (a == 1 && b == 1) {
            return Optional.of(0);
        }
        return Optional.of(a == 1 ? b - 1 : b == 1 ? a - 1 : Math.max(a, b));
    }

    private static Optional<Integer> reduction(NodeProto n, Optional<Integer> first, GraphEdit g) {
        if (Attrs.integer(n, "keepdims", 1) != 0) {
            return first;
        }
        if (n.getOpType().startsWith("Arg")) {
            return first.map(k -> k - 1);
        }
        return axes(n, g).flatMap(a -> first.map(k -> k - a.length));
    }

    /** The {@code axes} of a node: the attribute (before opset 13/18) or the constant second input. */
    static Optional<long[]> axes(NodeProto n, GraphEdit g) {
        Optional<long[]> attr = Attrs.ints(n, "axes");
        if (attr.isPresent()) {
            return attr;
        }
        if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            return g.constant(n.getInput(1)).flatMap(Tensors::longs);
        }
        return Optional.empty();
    }
}
