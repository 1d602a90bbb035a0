package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value of a tensor that exporters compute from constants only (e.g. the pads of
 * {@code F.pad}, built by Concat/Reshape/Slice/Cast of Constant nodes), evaluated with the
 * plain-Java {@link ReferenceEvaluator}.
 */
final class ConstantSubgraph {
    /** More nodes than this are not shape arithmetic; not worth evaluating. */
    private static final int MAX_NODES = 64;

    private ConstantSubgraph() {
    }

    /** The tensor's values, or empty where it depends on a graph input or an op the evaluator lacks. */
    static Optional<double[]> value(String tensor, GraphProto graph, long opset, Map<String, NodeProto> producer,
            Map<String, TensorProto> constants) {
        Set<NodeProto> needed = new HashSet<>();
        Set<String> initializers = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(Set.of(tensor));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (t.isEmpty() || !seen.add(t)) {
                continue;
            }
            NodeProto p = producer.get(t);
            if (p == null) {
                if (!constants.containsKey(t)) {
                    return Optional.empty(); // a graph input: not a constant
                }
                initializers.add(t);
                continue;
            }
            if (!needed.add(p) || needed.size() > MAX_NODES) {
                if (needed.size() > MAX_NODES) {
                    return Optional.empty();
                }
                continue;
            }
            p.getInputList().forEach(todo::push);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("constant");
        graph.getNodeList().stream().filter(needed::contains).forEach(g::addNode);
        graph.getInitializerList().stream().filter(i -> initializers.contains(i.getName())).forEach(g::addInitializer);
        g.addOutput(ValueInfoProto.newBuilder().setName(tensor));
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).build();
        try {
            return Optional.of(new ReferenceEvaluator().evaluate(model, Map.of()).get(tensor).values());
        } catch (NeuroLensException e) {
            return Optional.empty(); // an op the evaluator does not know: leave the graph as it is
        }
    }
}
