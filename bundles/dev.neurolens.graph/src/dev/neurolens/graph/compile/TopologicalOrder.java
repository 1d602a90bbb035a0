package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sorts graph nodes so that each comes after the producers of its inputs, as ONNX requires. */
final class TopologicalOrder {
    private TopologicalOrder() {
    }

    /**
     * The nodes in an order where every node follows the nodes producing its inputs; nodes keep
     * their relative order wherever that allows (a stable sort: an already sorted list comes back
     * unchanged). Inputs produced by no node (graph inputs, initializers) are available from the
     * start.
     *
     * @throws IllegalArgumentException if the nodes form a cycle
     */
    static List<NodeProto> sort(List<NodeProto> nodes) {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).getOutputList()) {
                if (!o.isEmpty()) {
                    producer.put(o, i);
                }
            }
        }
        List<NodeProto> out = new ArrayList<>(nodes.size());
        int[] state = new int[nodes.size()]; // 0 new, 1 on the stack, 2 placed
        for (int i = 0; i < nodes.size(); i++) {
            place(i, nodes, producer, state, out);
        }
        return out;
    }

    /** Depth-first: places the producers of node {@code i}'s inputs, then the node. */
    private static void place(int start, List<NodeProto> nodes, Map<String, Integer> producer, int[] state,
            List<NodeProto> out) {
        if (state[start] == 2) {
            return;
        }
        // iterative, as graphs of deep models would overflow the stack of a recursive walk
        List<int[]> stack = new ArrayList<>();
        stack.add(new int[] {start, 0});
        state[start] = 1;
        while (!stack.isEmpty()) {
            int[] top = stack.get(stack.size() - 1);
            NodeProto n = nodes.get(top[0]);
            if (top[1] < n.getInputCount()) {
                Integer p = producer.get(n.getInput(top[1]++));
                if (p == null || state[p] == 2) {
                    continue;
                }
                if (state[p] == 1) {
                    throw new IllegalArgumentException("the graph has a cycle through node '" + nodes.get(p).getName() + "'");
                }
                state[p] = 1;
                stack.add(new int[] {p, 0});
            } else {
                state[top[0]] = 2;
                out.add(n);
                stack.remove(stack.size() - 1);
            }
        }
    }
}
