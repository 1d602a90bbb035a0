package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A working copy of a graph that the normalization passes edit in place: nodes, initializers,
 * inputs, outputs and value_info as mutable lists, fresh names, constant lookup, and the
 * consumers of a tensor. {@link #build()} turns it back into a {@link GraphProto}, dropping the
 * constants that edits left unused and the value_info of tensors that no longer exist.
 *
 * <p>Consumers include uses inside subgraphs (If/Loop/Scan bodies may read outer tensors by name)
 * and graph outputs, so a tensor with one consumer really has one.
 */
final class GraphEdit {
    private final GraphProto source;
    private final List<NodeProto> nodes;
    private final Map<String, TensorProto> initializers;
    private final List<ValueInfoProto> inputs;
    private final List<ValueInfoProto> outputs;
    private final List<ValueInfoProto> valueInfo;
    private final Set<String> taken = new HashSet<>();
    private final Set<String> maybeUnused = new LinkedHashSet<>();
    private boolean edited;

    GraphEdit(GraphProto graph) {
        this.source = graph;
        this.nodes = new ArrayList<>(graph.getNodeList());
        this.initializers = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
            taken.add(t.getName());
        }
        this.inputs = new ArrayList<>(graph.getInputList());
        this.outputs = new ArrayList<>(graph.getOutputList());
        this.valueInfo = new ArrayList<>(graph.getValueInfoList());
        for (ValueInfoProto v : inputs) {
            taken.add(v.getName());
        }
        for (NodeProto n : nodes) {
            taken.add(n.getName());
            taken.addAll(n.getOutputList());
            taken.addAll(n.getInputList());
        }
    }

    /** The nodes, in topological order; passes replace elements and must keep the order valid. */
    List<NodeProto> nodes() {
        return nodes;
    }

    List<ValueInfoProto> inputs() {
        return inputs;
    }

    List<ValueInfoProto> outputs() {
        return outputs;
    }

    List<ValueInfoProto> valueInfo() {
        return valueInfo;
    }

    Map<String, TensorProto> initializers() {
        return initializers;
    }

    /** Records that the graph changed (so {@link #build()} tidies up). */
    void edited() {
        edited = true;
    }

    /** A tensor or node name that is not used yet: {@code base} itself when free, else with a suffix. */
    String fresh(String base) {
        String name = base;
        for (int k = 2; taken.contains(name); k++) {
            name = base + "_" + k;
        }
        taken.add(name);
        return name;
    }

    /** Adds {@code value} as an initializer named after {@code base} (made unique) and returns its name. */
    String addConstant(String base, TensorProto value) {
        String name = fresh(base);
        initializers.put(name, value.toBuilder().setName(name).build());
        edited = true;
        return name;
    }

    /** Notes that an edit stopped reading {@code tensor}: if nothing else reads it, it is dropped. */
    void release(String tensor) {
        if (!tensor.isEmpty()) {
            maybeUnused.add(tensor);
        }
    }

    /**
     * The value of a constant tensor: an initializer (NeuroLens feeds only the image input, so an
     * initializer that is also listed as a graph input keeps its value), or the output of a
     * {@code Constant} node with a tensor value.
     */
    Optional<TensorProto> constant(String tensor) {
        TensorProto t = initializers.get(tensor);
        if (t != null) {
            return Optional.of(t);
        }
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Constant") && isDefaultDomain(n) && n.getOutputCount() == 1
                    && n.getOutput(0).equals(tensor)) {
                return Attrs.find(n, "value").filter(AttributeProto::hasT).map(AttributeProto::getT);
            }
        }
        return Optional.empty();
    }

    /** How many times each tensor is read: node inputs (subgraphs included) and graph outputs. */
    Map<String, Integer> consumerCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (NodeProto n : nodes) {
            countUses(n, counts);
        }
        for (ValueInfoProto o : outputs) {
            counts.merge(o.getName(), 1, Integer::sum);
        }
        return counts;
    }

    /** The indexes of the nodes of this graph (not subgraphs) that read {@code tensor}. */
    List<Integer> readers(String tensor) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getInputList().contains(tensor)) {
                out.add(i);
            }
        }
        return out;
    }

    /** How often nodes of this graph (not subgraphs) read {@code tensor}. */
    int mainGraphReads(String tensor) {
        int n = 0;
        for (NodeProto node : nodes) {
            for (String in : node.getInputList()) {
                n += in.equals(tensor) ? 1 : 0;
            }
        }
        return n;
    }

    boolean isGraphOutput(String tensor) {
        return contains(outputs, tensor);
    }

    boolean isGraphInput(String tensor) {
        return contains(inputs, tensor);
    }

    private static boolean contains(List<ValueInfoProto> values, String name) {
        for (ValueInfoProto v : values) {
            if (v.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every read of {@code from} by nodes of this graph with {@code to}. */
    void renameReads(String from, String to) {
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (n.getInputList().contains(from)) {
                NodeProto.Builder b = n.toBuilder();
                for (int k = 0; k < n.getInputCount(); k++) {
                    if (n.getInput(k).equals(from)) {
                        b.setInput(k, to);
                    }
                }
                nodes.set(i, b.build());
            }
        }
        edited = true;
    }

    /** The graph with the edits; without edits, the source graph itself. */
    GraphProto build() {
        if (!edited) {
            return source;
        }
        dropUnusedConstants();
        Set<String> existing = new HashSet<>(initializers.keySet());
        inputs.forEach(v -> existing.add(v.getName()));
        nodes.forEach(n -> existing.addAll(n.getOutputList()));
        List<ValueInfoProto> info = valueInfo.stream().filter(v -> existing.contains(v.getName())).toList();
        return source.toBuilder().clearNode().addAllNode(nodes).clearInitializer()
                .addAllInitializer(initializers.values()).clearInput().addAllInput(inputs).clearOutput()
                .addAllOutput(outputs).clearValueInfo().addAllValueInfo(info).build();
    }

    private void dropUnusedConstants() {
        if (maybeUnused.isEmpty()) {
            return;
        }
        Map<String, Integer> uses = consumerCounts();
        for (String name : maybeUnused) {
            if (uses.getOrDefault(name, 0) > 0 || isGraphInput(name)) {
                continue;
            }
            initializers.remove(name);
            nodes.removeIf(n -> n.getOpType().equals("Constant") && n.getOutputCount() == 1
                    && n.getOutput(0).equals(name));
        }
    }

    private static void countUses(NodeProto node, Map<String, Integer> counts) {
        for (String in : node.getInputList()) {
            if (!in.isEmpty()) {
                counts.merge(in, 1, Integer::sum);
            }
        }
        for (AttributeProto a : node.getAttributeList()) {
            if (a.hasG()) {
                a.getG().getNodeList().forEach(n -> countUses(n, counts));
            }
            a.getGraphsList().forEach(g -> g.getNodeList().forEach(n -> countUses(n, counts)));
        }
    }

    static boolean isDefaultDomain(NodeProto node) {
        return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    }
}
