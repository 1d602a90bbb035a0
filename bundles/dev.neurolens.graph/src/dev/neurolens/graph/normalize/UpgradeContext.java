package dev.neurolens.graph.normalize;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node rewrite ({@link NodeUpgrades}) needs to know about the graph: the working copy (for constants and
 * fresh names), the model's opset, static ranks, how often each tensor is read, the element types
 * the model records, and the list that collects the changes for the user.
 *
 * @param graph the working copy
 * @param fromOpset the model's opset of the default domain
 * @param ranks static ranks ({@link Ranks})
 * @param uses how often each tensor is read, graph outputs included
 * @param changes one line per change, appended to
 */
record UpgradeContext(GraphEdit graph, long fromOpset, Map<String, Integer> ranks, Map<String, Integer> uses,
        List<String> changes) {

    /** The element type recorded for {@code tensor}, if any ({@code TensorProto.DataType} number). */
    Optional<Integer> elementType(String tensor) {
        TensorProto t = graph.initializers().get(tensor);
        if (t != null) {
            return Optional.of(t.getDataType());
        }
        Map<String, Integer> types = new HashMap<>();
        for (List<ValueInfoProto> list : List.of(graph.valueInfo(), graph.inputs(), graph.outputs())) {
            for (ValueInfoProto v : list) {
                if (v.getType().hasTensorType() && v.getType().getTensorType().getElemType() != 0) {
                    types.put(v.getName(), v.getType().getTensorType().getElemType());
                }
            }
        }
        return Optional.ofNullable(types.get(tensor));
    }

    /** Whether anything reads {@code tensor} (a node, a subgraph, or the graph's outputs). */
    boolean isUsed(String tensor) {
        return !tensor.isEmpty() && uses.getOrDefault(tensor, 0) > 0;
    }

    /** A refusal naming the node, its op and the model's opset. */
    NeuroLensException refuse(NodeProto node, String why) {
        return new NeuroLensException("cannot upgrade " + node.getOpType() + " node '" + node.getName()
                + "' from opset " + fromOpset + " to " + OpsetUpgrade.TARGET_OPSET + ": " + why);
    }

    /** Records a change for the user. */
    void note(String change) {
        changes.add(change);
    }
}
