package dev.neurolens.lrp.internal;

import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the LRP canonizer needs to know about a forward graph: the nodes on the relevance path
 * (computed from the input through differentiable ops and leading to the output), constants,
 * producers and consumers of tensors.
 */
final class GraphFacts {
    /** Ops whose outputs carry no relevance (integers, booleans, shapes). */
    private static final Set<String> NOT_DIFFERENTIABLE = Set.of("Shape", "Size", "ArgMax", "ArgMin", "NonZero",
            "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
            "Sign", "Floor", "Ceil", "Round", "TopK");

    private final GraphProto graph;
    private final String input;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> fromInput = new HashSet<>();
    private final Set<String> toOutput = new HashSet<>();
    private final Set<String> graphOutputs = new HashSet<>();

    GraphFacts(GraphProto graph, String input, String output) {
        this.graph = graph;
        this.input = input;
        graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant")) {
                n.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                        .map(AttributeProto::getT).ifPresent(t -> constants.put(n.getOutput(0), t));
            }
            n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        fromInput.add(input);
        for (NodeProto n : graph.getNodeList()) {
            if (!NOT_DIFFERENTIABLE.contains(n.getOpType()) && n.getInputList().stream().anyMatch(fromInput::contains)) {
                n.getOutputList().stream().filter(o -> !o.isEmpty()).forEach(fromInput::add);
            }
        }
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (toOutput.add(t) && producer.containsKey(t)) {
                producer.get(t).getInputList().stream().filter(s -> !s.isEmpty()).forEach(todo::push);
            }
        }
    }

    /** The model input's name. */
    String input() {
        return input;
    }

    /**
     * The nodes on the relevance path, in graph (topological) order: they read an activation and
     * write one that leads to the output (so not shape arithmetic such as {@code Shape(x)}).
     */
    List<NodeProto> path() {
        return graph.getNodeList().stream().filter(n -> n.getInputList().stream().anyMatch(fromInput::contains)
                && n.getOutputList().stream().anyMatch(o -> toOutput.contains(o) && fromInput.contains(o))).toList();
    }

    /** Whether a tensor depends on the model input (an activation, not a constant). */
    boolean isActivation(String tensor) {
        return fromInput.contains(tensor);
    }

    /** The value of a constant tensor (initializer or Constant node output). */
    Optional<TensorProto> constant(String tensor) {
        return Optional.ofNullable(constants.get(tensor));
    }

    /** The nodes that read {@code tensor}. */
    List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** Whether {@code tensor} is a graph output. */
    boolean isGraphOutput(String tensor) {
        return graphOutputs.contains(tensor);
    }

    /** The indices of a node's inputs that are activations. */
    List<Integer> activationOperands(NodeProto n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (isActivation(n.getInput(i))) {
                idx.add(i);
            }
        }
        return idx;
    }
}
