package dev.neurolens.graph;

import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tensors of a graph by name, and the resolution of user-given names: a tensor name stands for
 * itself, a node name (as {@link NodeNames} gives it) for the node's first output.
 */
public final class TensorNames {
    private final Set<String> graphInputs;
    private final Set<String> initializers;
    private final List<String> nodeOutputs;
    private final Map<String, String> firstOutputByNode;

    private TensorNames(Set<String> graphInputs, Set<String> initializers, List<String> nodeOutputs,
            Map<String, String> firstOutputByNode) {
        this.graphInputs = graphInputs;
        this.initializers = initializers;
        this.nodeOutputs = nodeOutputs;
        this.firstOutputByNode = firstOutputByNode;
    }

    /** The tensor names of {@code model}'s main graph. */
    public static TensorNames of(ModelProto model) {
        GraphProto graph = model.getGraph();
        Set<String> inputs = new LinkedHashSet<>();
        graph.getInputList().stream().map(ValueInfoProto::getName).forEach(inputs::add);
        Set<String> weights = new LinkedHashSet<>();
        graph.getInitializerList().stream().map(TensorProto::getName).forEach(weights::add);
        List<String> outputs = new ArrayList<>();
        Map<String, String> byNode = new HashMap<>();
        List<String> names = NodeNames.of(graph);
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            node.getOutputList().stream().filter(o -> !o.isEmpty()).forEach(outputs::add);
            if (node.getOutputCount() > 0 && !node.getOutput(0).isEmpty()) {
                byNode.put(names.get(i), node.getOutput(0));
            }
        }
        return new TensorNames(Set.copyOf(inputs), Set.copyOf(weights), List.copyOf(outputs), Map.copyOf(byNode));
    }

    /**
     * The tensor that {@code name} stands for: the tensor itself if a node produces it or it is a
     * graph input or initializer, else the first output of the node of that name.
     */
    public Optional<String> resolve(String name) {
        if (isTensor(name)) {
            return Optional.of(name);
        }
        return Optional.ofNullable(firstOutputByNode.get(name));
    }

    /** Whether {@code name} is a tensor of the graph (input, initializer or node output). */
    public boolean isTensor(String name) {
        return graphInputs.contains(name) || initializers.contains(name) || nodeOutputs.contains(name);
    }

    /** All node outputs, in node order (the tensors a run can fetch besides the inputs). */
    public List<String> nodeOutputs() {
        return nodeOutputs;
    }
}
