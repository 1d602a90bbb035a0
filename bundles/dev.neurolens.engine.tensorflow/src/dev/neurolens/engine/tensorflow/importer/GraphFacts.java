package dev.neurolens.engine.tensorflow.importer;

import dev.neurolens.core.NeuroLensException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * What TensorFlow itself says about a {@link FlatGraph}: element types and static shapes of every
 * tensor (TensorFlow's shape inference), which nodes depend on the input, and the values of the
 * tensors that do not — computed by TensorFlow (so constant folding has TensorFlow's semantics).
 * Integer tensors computed from the input's shape (Keras' {@code Flatten}: {@code Shape},
 * {@code StridedSlice}, {@code Pack}) are evaluated with two batch sizes; entries that follow the
 * batch size are marked as such.
 */
public final class GraphFacts implements AutoCloseable {
    private final FlatGraph flat;
    private final Graph graph;
    private final Set<String> dynamic = new HashSet<>();
    private final Map<String, ConstValue> values = new HashMap<>();

    private GraphFacts(FlatGraph flat, Graph graph) {
        this.flat = flat;
        this.graph = graph;
    }

    /**
     * Imports the flat graph into TensorFlow and evaluates its constant parts.
     *
     * @throws NeuroLensException if TensorFlow refuses the graph or an evaluation fails
     */
    public static GraphFacts of(FlatGraph flat) {
        Graph graph = new Graph();
        try {
            graph.importGraphDef(flat.graph());
        } catch (RuntimeException e) {
            graph.close();
            throw new NeuroLensException("TensorFlow cannot rebuild the flattened graph: " + e.getMessage(), e);
        }
        GraphFacts facts = new GraphFacts(flat, graph);
        try {
            facts.evaluate();
        } catch (RuntimeException e) {
            facts.close();
            throw e;
        }
        return facts;
    }

    /** The nodes in topological order. */
    public List<NodeDef> nodes() {
        return flat.graph().getNodeList();
    }

    /** The flat graph. */
    public FlatGraph flat() {
        return flat;
    }

    /** Whether a node's value depends on the input. */
    public boolean isDynamic(String node) {
        return dynamic.contains(node);
    }

    /** The known value of a tensor that does not depend on the input's values, or {@code null}. */
    public ConstValue value(String tensor) {
        return values.get(canonical(tensor));
    }

    /** The element type of a tensor. */
    public DataType dtype(String tensor) {
        return output(tensor).dataType();
    }

    /** The static shape of a tensor ({@code -1} where unknown), or {@code null} if even the rank is unknown. */
    public long[] shape(String tensor) {
        org.tensorflow.ndarray.Shape s = output(tensor).shape();
        return s.isUnknown() ? null : s.asArray();
    }

    private Output<?> output(String tensor) {
        String node = FunctionInliner.nodeOf(tensor);
        GraphOperation op = graph.operation(node);
        if (op == null) {
            throw new NeuroLensException("no node '" + node + "' in the flattened graph");
        }
        return op.output(FunctionInliner.indexOf(tensor));
    }

    /** The input's static shape, batch axis {@code -1}. */
    public long[] inputShape() {
        long[] s = shape(flat.inputNode());
        if (s == null) {
            throw new NeuroLensException("the input '" + flat.inputKey() + "' has no static rank");
        }
        return s;
    }

    private void evaluate() {
        for (NodeDef n : nodes()) {
            boolean dyn = n.getName().equals(flat.inputNode())
                    || n.getInputList().stream().anyMatch(i -> dynamic.contains(FunctionInliner.nodeOf(i)));
            if (dyn) {
                dynamic.add(n.getName());
            }
        }
        // what the importer needs: static tensors read by dynamic nodes, and integer tensors computed from the
        // input's shape that dynamic float nodes read (shape arguments)
        Set<String> statics = new LinkedHashSet<>();
        Set<String> shapeLike = new LinkedHashSet<>();
        for (NodeDef n : nodes()) {
            if (!dynamic.contains(n.getName())) {
                continue;
            }
            for (String in : n.getInputList()) {
                String node = FunctionInliner.nodeOf(in);
                if (!dynamic.contains(node)) {
                    statics.add(canonical(in));
                } else if (isIntegral(dtype(in))) {
                    shapeLike.add(canonical(in));
                }
            }
        }
        if (!statics.isEmpty()) {
            fetch(new ArrayList<>(statics), null).forEach(values::put);
        }
        if (!shapeLike.isEmpty()) {
            evaluateWithBatch(new ArrayList<>(shapeLike));
        }
    }

    private void evaluateWithBatch(List<String> tensors) {
        long[] shape = inputShape().clone();
        if (Arrays.stream(shape, 1, shape.length).anyMatch(d -> d < 0)) {
            throw new NeuroLensException("the input '" + flat.inputKey() + "' has unknown sizes besides the batch: "
                    + Arrays.toString(shape));
        }
        shape[0] = 1;
        Map<String, ConstValue> one = fetch(tensors, shape.clone());
        shape[0] = 2;
        Map<String, ConstValue> two = fetch(tensors, shape);
        for (String t : tensors) {
            ConstValue a = one.get(t);
            ConstValue b = two.get(t);
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new NeuroLensException("tensor " + t + " changes its shape with the batch size; NeuroLens cannot"
                        + " import it");
            }
            boolean[] batch = new boolean[a.size()];
            for (int i = 0; i < batch.length; i++) {
                if (a.values()[i] != b.values()[i]) {
                    if (a.values()[i] != 1 || b.values()[i] != 2) {
                        throw new NeuroLensException("tensor " + t + " is computed from the batch size in a way NeuroLens"
                                + " cannot import (entry " + i + ")");
                    }
                    batch[i] = true;
                }
            }
            values.put(t, new ConstValue(true, a.shape(), a.values(), batch));
        }
    }

    private Map<String, ConstValue> fetch(List<String> tensors, long[] inputShape) {
        Map<String, ConstValue> out = new HashMap<>();
        try (Session session = new Session(graph)) {
            Session.Runner runner = session.runner();
            TFloat32 input = inputShape == null ? null : TfTensors.zeros(inputShape);
            try {
                if (input != null) {
                    runner.feed(flat.inputNode(), input);
                }
                for (String t : tensors) {
                    runner.fetch(FunctionInliner.nodeOf(t), FunctionInliner.indexOf(t));
                }
                try (Result r = runner.run()) {
                    for (int i = 0; i < tensors.size(); i++) {
                        Tensor t = r.get(i);
                        out.put(tensors.get(i), TfTensors.value(t));
                    }
                }
            } finally {
                if (input != null) {
                    input.close();
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof NeuroLensException) {
                throw e;
            }
            throw new NeuroLensException("TensorFlow failed to evaluate the constant parts of the graph: "
                    + e.getMessage(), e);
        }
        return out;
    }

    private static boolean isIntegral(DataType t) {
        return t == DataType.DT_INT32 || t == DataType.DT_INT64;
    }

    /** {@code node:0} is {@code node}. */
    static String canonical(String tensor) {
        return tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
    }

    /** The TensorFlow graph (the caller must not close it). */
    public Graph graph() {
        return graph;
    }

    @Override
    public void close() {
        graph.close();
    }
}
