package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes the "transpose sandwiches" that NHWC exports (TensorFlow, Keras) leave between layers:
 * {@code Transpose(p1) -> [element-wise ops] -> Transpose(p2)} where {@code p2} undoes {@code p1},
 * e.g. {@code (0, 2, 3, 1)} after a Conv and {@code (0, 3, 1, 2)} before the next one. Element-wise
 * ops do not care about the layout, so they run on the untransposed tensor and both transposes
 * go. Only when every tensor in the chain has that one reader (no other node sees the
 * transposed layout); the last tensor keeps its name, so later nodes and graph outputs are not
 * touched. The layers (Conv, Relu, ...) keep their names.
 */
final class TransposeCancellation implements Fusion {
    /** Ops that compute each element from the element at the same position (and scalar constants). */
    private static final Set<String> ELEMENTWISE = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid",
            "HardSwish", "Identity", "Elu", "Selu", "Softplus", "Softsign", "Abs", "Neg", "Exp", "Log", "Sqrt", "Erf",
            "Floor", "Ceil", "Reciprocal", "Sign", "Round", "Clip", "Cast", "Celu", "ThresholdedRelu", "Mish",
            "Dropout");
    private static final int MAX_CHAIN = 8;

    @Override
    public Optional<String> apply(GraphEdit graph, int index, Context context) {
        NodeProto first = graph.nodes().get(index);
        Optional<long[]> p1 = permutation(first);
        if (p1.isEmpty()) {
            return Optional.empty();
        }
        List<NodeProto> between = new ArrayList<>();
        String tensor = first.getOutput(0);
        for (int step = 0; step <= MAX_CHAIN; step++) {
            Optional<NodeProto> reader = context.onlyReader(graph, tensor);
            if (reader.isEmpty()) {
                return Optional.empty();
            }
            NodeProto r = reader.get();
            Optional<long[]> p2 = permutation(r);
            if (p2.isPresent()) {
                String result = r.getOutput(0);
                boolean renamesOutput = between.isEmpty() && (graph.isGraphOutput(result)
                        || context.uses().getOrDefault(result, 0) != graph.mainGraphReads(result));
                return inverse(p1.get(), p2.get()) && !renamesOutput ? Optional.of(remove(graph, first, between, r))
                        : Optional.empty();
            }
            if (!isElementwise(graph, r, tensor)) {
                return Optional.empty();
            }
            between.add(r);
            tensor = r.getOutput(0);
        }
        return Optional.empty();
    }

    private static String remove(GraphEdit graph, NodeProto first, List<NodeProto> between, NodeProto second) {
        String source = first.getInput(0);
        String result = second.getOutput(0);
        List<NodeProto> nodes = graph.nodes();
        if (between.isEmpty()) {
            graph.renameReads(result, source);
        } else {
            int head = nodes.indexOf(between.get(0));
            nodes.set(head, nodes.get(head).toBuilder().setInput(0, source).build());
            int tail = between.size() == 1 ? head : nodes.indexOf(between.get(between.size() - 1));
            nodes.set(tail, nodes.get(tail).toBuilder().setOutput(0, result).build());
            // the tensors between now hold the untransposed layout: their recorded shapes are stale
            for (NodeProto n : between) {
                graph.valueInfo().removeIf(v -> v.getName().equals(n.getOutput(0)));
            }
        }
        nodes.remove(second);
        nodes.remove(first);
        graph.edited();
        StringBuilder s = new StringBuilder("Transpose '" + first.getName() + "' " + Tensors.text(permutation(first)
                .orElseThrow()) + " and Transpose '" + second.getName() + "' " + Tensors.text(permutation(second)
                .orElseThrow()) + " cancel: removed");
        if (!between.isEmpty()) {
            s.append(" (");
            for (int i = 0; i < between.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(between.get(i).getOpType()).append(" '")
                        .append(between.get(i).getName()).append("'");
            }
            s.append(between.size() == 1 ? " now runs" : " now run").append(" on the untransposed tensor)");
        }
        return s.toString();
    }

    private static Optional<long[]> permutation(NodeProto n) {
        if (!n.getOpType().equals("Transpose") || !GraphEdit.isDefaultDomain(n)) {
            return Optional.empty();
        }
        return Attrs.ints(n, "perm");
    }

    /** Whether applying {@code p1} and then {@code p2} is the identity: {@code p1[p2[i]] == i}. */
    static boolean inverse(long[] p1, long[] p2) {
        if (p1.length != p2.length) {
            return false;
        }
        for (int i = 0; i < p2.length; i++) {
            if (p2[i] < 0 || p2[i] >= p1.length || p1[(int) p2[i]] != i) {
                return false;
            }
        }
        return true;
    }

    /** An element-wise node reading {@code tensor} as its data, with single-value constants for the rest. */
    private static boolean isElementwise(GraphEdit graph, NodeProto n, String tensor) {
        if (!ELEMENTWISE.contains(n.getOpType()) || !GraphEdit.isDefaultDomain(n) || n.getInputCount() == 0
                || !n.getInput(0).equals(tensor) || n.getOutputCount() != 1) {
            return false;
        }
        for (int k = 1; k < n.getInputCount(); k++) {
            String in = n.getInput(k);
            if (!in.isEmpty() && graph.constant(in).filter(t -> Tensors.count(t) == 1).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
