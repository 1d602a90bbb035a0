package dev.neurolens.graph;

import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names for every node of a graph. Node names are optional in ONNX; users and layer methods need
 * one, so unnamed nodes get {@code <OpType>_<index>} (index in the node list), which stays the
 * same as long as the model file does. Duplicates get a suffix, so the names are unique.
 */
public final class NodeNames {

    private NodeNames() {
    }

    /** The names of {@code graph}'s nodes, in node order. */
    public static List<String> of(GraphProto graph) {
        Set<String> taken = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getName().isEmpty()) {
                taken.add(node.getName());
            }
        }
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>(graph.getNodeCount());
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            String name = node.getName().isEmpty() ? invent(node, i, taken) : node.getName();
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "_" + k;
            }
            names.add(unique);
        }
        return List.copyOf(names);
    }

    private static String invent(NodeProto node, int index, Set<String> taken) {
        String base = (node.getOpType().isEmpty() ? "Node" : node.getOpType()) + "_" + index;
        return taken.contains(base) ? base + "_unnamed" : base;
    }
}
