package dev.neurolens.graph;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.HashSet;
import java.util.Set;

/**
 * Plausibility checks on a parsed model. Protobuf happily "parses" many byte strings that are not
 * models (unknown fields are skipped), so a successful parse proves little: a model must have an
 * IR version, an opset, a graph with nodes and outputs, and every tensor a node reads must exist.
 */
final class OnnxModelChecks {

    private OnnxModelChecks() {
    }

    /**
     * Checks {@code model}.
     *
     * @throws NeuroLensException naming {@code sourceName} if the model is not plausible or uses
     *     external data files
     */
    static void check(ModelProto model, String sourceName) {
        if (model.getIrVersion() <= 0) {
            throw notOnnx(sourceName, "no IR version");
        }
        if (!model.hasGraph()) {
            throw notOnnx(sourceName, "no graph");
        }
        GraphProto graph = model.getGraph();
        if (graph.getNodeCount() == 0 || graph.getOutputCount() == 0) {
            throw notOnnx(sourceName, "the graph has no " + (graph.getNodeCount() == 0 ? "nodes" : "outputs"));
        }
        if (model.getOpsetImportCount() == 0) {
            throw corrupt(sourceName, "no opset_import");
        }
        checkNoExternalData(graph, sourceName);
        checkConnected(graph, sourceName);
    }

    private static void checkNoExternalData(GraphProto graph, String sourceName) {
        boolean external = graph.getInitializerList().stream().anyMatch(OnnxModelChecks::isExternal)
                || graph.getNodeList().stream().flatMap(n -> n.getAttributeList().stream())
                        .filter(AttributeProto::hasT).map(AttributeProto::getT).anyMatch(OnnxModelChecks::isExternal);
        if (external) {
            throw new NeuroLensException(sourceName + " keeps its weights in external data files, which"
                    + " NeuroLens does not support yet (save the model with all tensors inside the file)");
        }
    }

    private static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0;
    }

    /** ONNX requires topological order: every input is a graph input, an initializer or produced earlier. */
    private static void checkConnected(GraphProto graph, String sourceName) {
        Set<String> known = new HashSet<>();
        graph.getInputList().stream().map(ValueInfoProto::getName).forEach(known::add);
        graph.getInitializerList().stream().map(TensorProto::getName).forEach(known::add);
        graph.getSparseInitializerList().forEach(s -> known.add(s.getValues().getName()));
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            for (String input : node.getInputList()) {
                // "" marks an omitted optional input
                if (!input.isEmpty() && !known.contains(input)) {
                    throw corrupt(sourceName, "node " + (i + 1) + " (" + node.getOpType() + ") reads '" + input
                            + "', which no earlier node produces");
                }
            }
            known.addAll(node.getOutputList());
        }
        for (ValueInfoProto output : graph.getOutputList()) {
            if (!known.contains(output.getName())) {
                throw corrupt(sourceName, "graph output '" + output.getName() + "' is produced by no node");
            }
        }
    }

    private static NeuroLensException notOnnx(String sourceName, String why) {
        return new NeuroLensException(sourceName + " is not an ONNX model (" + why + ")");
    }

    private static NeuroLensException corrupt(String sourceName, String why) {
        return new NeuroLensException(sourceName + " is truncated or corrupt (" + why + ")");
    }
}
