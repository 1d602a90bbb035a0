package dev.neurolens.graph.reference;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.NodeNames;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates ONNX models in float64, in plain Java, one node after the other: the independent
 * reference that the emitted gradients are checked against (forward values and, through
 * {@link FiniteDifferences}, derivatives). Written for clarity and exactness, not speed; it
 * covers the ops that NeuroLens has backward rules for and the constant shape arithmetic around
 * them, with their semantics at opsets 13 to 17 (see the op classes for the details).
 *
 * <p>An evaluator holds no state between calls and is safe for concurrent use.
 */
public final class ReferenceEvaluator {
    private final Map<String, Op> ops;

    /** An evaluator of the supported ops. */
    public ReferenceEvaluator() {
        Map<String, Op> m = new HashMap<>();
        ElementwiseOps.register(m);
        LinearOps.register(m);
        NormalizationOps.register(m);
        PoolOps.register(m);
        ReduceOps.register(m);
        ShapeOps.register(m);
        m.put("Conv", Op.single(ConvOp::apply));
        m.put("Slice", Op.single(SliceOp::apply));
        m.put("Pad", Op.single(PadOp::apply));
        m.put("Resize", Op.single(ResizeOp::apply));
        this.ops = Map.copyOf(m);
    }

    /** The op types this evaluator computes, sorted. */
    public Set<String> supportedOps() {
        return Collections.unmodifiableSet(new TreeSet<>(ops.keySet()));
    }

    /**
     * Evaluates every node of {@code model}'s graph.
     *
     * <p>{@code values} must hold every graph input that is not an initializer. It may also name
     * initializers and node outputs: their given values replace the model's (a node all of whose
     * outputs are given is not evaluated). That is how finite differences perturb weights or
     * intermediate tensors.
     *
     * @param model an ONNX model whose nodes are in topological order (as ONNX requires)
     * @param values input values by tensor name
     * @return the value of every tensor of the graph by name (graph inputs, initializers, node
     *     outputs), in the order they were computed
     * @throws NeuroLensException if an input is missing or has the wrong rank or fixed size, a
     *     node uses an op the evaluator does not know (naming op and node), or a node's inputs or
     *     attributes break its op's rules (naming the node)
     */
    public Map<String, DoubleTensor> evaluate(ModelProto model, Map<String, DoubleTensor> values) {
        GraphProto graph = model.getGraph();
        long opset = opset(model);
        Map<String, DoubleTensor> env = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            env.put(t.getName(), values.containsKey(t.getName()) ? values.get(t.getName()) : read(t));
        }
        for (ValueInfoProto in : graph.getInputList()) {
            DoubleTensor v = values.get(in.getName());
            if (v == null && !env.containsKey(in.getName())) {
                throw new NeuroLensException("no value given for graph input '" + in.getName() + "'");
            }
            if (v != null) {
                checkShape(in, v);
                env.put(in.getName(), v);
            }
        }
        List<String> names = NodeNames.of(graph);
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (allGiven(node, values)) {
                node.getOutputList().forEach(o -> env.put(o, values.get(o)));
                continue;
            }
            List<DoubleTensor> outs = run(node, names.get(i), opset, env);
            for (int k = 0; k < node.getOutputCount(); k++) {
                String o = node.getOutput(k);
                if (o.isEmpty()) {
                    continue;
                }
                DoubleTensor v = values.containsKey(o) ? values.get(o) : k < outs.size() ? outs.get(k) : null;
                if (v == null) {
                    throw new NeuroLensException("the reference evaluator does not compute output " + (k + 1) + " of "
                            + node.getOpType() + " node '" + names.get(i) + "'");
                }
                env.put(o, v);
            }
        }
        return Collections.unmodifiableMap(env);
    }

    private List<DoubleTensor> run(NodeProto node, String name, long opset, Map<String, DoubleTensor> env) {
        boolean onnxDomain = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
        Op op = onnxDomain ? ops.get(node.getOpType()) : null;
        if (op == null) {
            throw new NeuroLensException("the reference evaluator does not support op " + node.getOpType()
                    + (onnxDomain ? "" : " (domain " + node.getDomain() + ")") + " at node '" + name
                    + "'; supported ops: " + String.join(", ", supportedOps()));
        }
        List<DoubleTensor> inputs = new ArrayList<>();
        for (String in : node.getInputList()) {
            if (in.isEmpty()) {
                inputs.add(null);
            } else if (env.containsKey(in)) {
                inputs.add(env.get(in));
            } else {
                throw new NeuroLensException(node.getOpType() + " node '" + name + "' reads '" + in
                        + "', which no earlier node computes");
            }
        }
        try {
            return op.apply(new OpNode(node, name, opset, inputs));
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            throw new NeuroLensException(node.getOpType() + " node '" + name + "': " + e.getMessage(), e);
        }
    }

    private static boolean allGiven(NodeProto node, Map<String, DoubleTensor> values) {
        return node.getOutputList().stream().filter(o -> !o.isEmpty()).allMatch(values::containsKey);
    }

    private static DoubleTensor read(TensorProto t) {
        try {
            return TensorProtoValues.read(t);
        } catch (IllegalArgumentException e) {
            throw new NeuroLensException("initializer '" + t.getName() + "': " + e.getMessage(), e);
        }
    }

    /** Rank and fixed dimensions of a graph input must match (symbolic ones take any size). */
    private static void checkShape(ValueInfoProto in, DoubleTensor v) {
        if (!in.getType().hasTensorType() || !in.getType().getTensorType().hasShape()) {
            return;
        }
        var dims = in.getType().getTensorType().getShape().getDimList();
        boolean ok = dims.size() == v.rank();
        for (int i = 0; ok && i < dims.size(); i++) {
            ok = !dims.get(i).hasDimValue() || dims.get(i).getDimValue() == v.dim(i);
        }
        if (!ok) {
            throw new NeuroLensException("value of shape " + Arrays.toString(v.dims()) + " does not fit graph input '"
                    + in.getName() + "' " + dims.stream().map(d -> d.hasDimValue() ? String.valueOf(d.getDimValue())
                            : d.getDimParam().isEmpty() ? "?" : d.getDimParam()).toList());
        }
    }

    private static long opset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(1);
    }
}
