package dev.neurolens.graph;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a model file says about itself: producer, opset, the inputs fed at run time, the outputs,
 * the layers (nodes) with their output shapes as far as the file records them, and the number of
 * weight values.
 *
 * @param producer producer name and version, e.g. {@code pytorch 1.13.0}, or {@code ""}
 * @param opsetVersion the opset of the default ONNX domain (0 if the model imports none)
 * @param inputs graph inputs that are not initializers
 * @param outputs graph outputs
 * @param layers one per node, in node (topological) order
 * @param parameterCount values in all initializers and {@code Constant} nodes
 */
public record ModelMetadata(String producer, long opsetVersion, List<TensorInfo> inputs,
        List<TensorInfo> outputs, List<LayerInfo> layers, long parameterCount) {

    /** Compact constructor: copies the lists. */
    public ModelMetadata {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
    }

    /** The metadata of {@code model}, with shapes from its value_info, inputs and outputs. */
    public static ModelMetadata of(ModelProto model) {
        return of(model, Map.of());
    }

    /**
     * The metadata of {@code model}, where tensors the file records nothing about take their info
     * from {@code knownTensors} (e.g. shapes an engine inferred).
     *
     * @param knownTensors tensor infos by tensor name, used where the file has no shape
     */
    public static ModelMetadata of(ModelProto model, Map<String, TensorInfo> knownTensors) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = graph.getInitializerList().stream()
                .collect(Collectors.toMap(TensorProto::getName, t -> t, (a, b) -> a));
        List<TensorInfo> inputs = graph.getInputList().stream()
                .filter(v -> !initializers.containsKey(v.getName())).map(TensorTypes::tensorInfo).toList();
        List<TensorInfo> outputs = graph.getOutputList().stream().map(TensorTypes::tensorInfo).toList();
        Map<String, TensorInfo> recorded = recordedTensors(graph);
        List<String> names = NodeNames.of(graph);
        List<LayerInfo> layers = new ArrayList<>(graph.getNodeCount());
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            List<TensorInfo> nodeOutputs = node.getOutputList().stream().filter(o -> !o.isEmpty())
                    .map(o -> bestInfo(o, recorded, knownTensors)).toList();
            layers.add(new LayerInfo(names.get(i), node.getOpType(), node.getInputList(), nodeOutputs,
                    AttributeText.of(node), nodeParameters(node, initializers)));
        }
        long parameters = initializers.values().stream().mapToLong(TensorTypes::elementCount).sum()
                + graph.getNodeList().stream().mapToLong(ModelMetadata::constantValues).sum();
        return new ModelMetadata(producer(model), defaultOpset(model), inputs, outputs, layers, parameters);
    }

    /** The layer named {@code name} (node name, invented or not), if any. */
    public java.util.Optional<LayerInfo> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** Tensor infos the graph records: value_info, then inputs and outputs (which win). */
    private static Map<String, TensorInfo> recordedTensors(GraphProto graph) {
        Map<String, TensorInfo> out = new HashMap<>();
        for (List<ValueInfoProto> list : List.of(graph.getValueInfoList(), graph.getInputList(),
                graph.getOutputList())) {
            for (ValueInfoProto v : list) {
                TensorInfo info = TensorTypes.tensorInfo(v);
                if (!TensorTypes.UNKNOWN.equals(info.elementType()) || !out.containsKey(v.getName())) {
                    out.put(v.getName(), info);
                }
            }
        }
        return out;
    }

    private static TensorInfo bestInfo(String tensor, Map<String, TensorInfo> recorded,
            Map<String, TensorInfo> known) {
        TensorInfo fromFile = recorded.get(tensor);
        if (fromFile != null && fromFile.shapeKnown()) {
            return fromFile;
        }
        TensorInfo fromEngine = known.get(tensor);
        if (fromEngine != null) {
            return new TensorInfo(tensor, fromEngine.elementType(), fromEngine.dims(), fromEngine.dimNames());
        }
        return fromFile != null ? fromFile : TensorInfo.of(tensor, TensorTypes.UNKNOWN, List.of());
    }

    private static long nodeParameters(NodeProto node, Map<String, TensorProto> initializers) {
        long n = constantValues(node);
        for (String input : Set.copyOf(node.getInputList())) {
            TensorProto t = initializers.get(input);
            if (t != null) {
                n += TensorTypes.elementCount(t);
            }
        }
        return n;
    }

    /** Values held by a {@code Constant} node's value attribute; 0 for other nodes. */
    private static long constantValues(NodeProto node) {
        if (!node.getOpType().equals("Constant") || !isDefaultDomain(node.getDomain())) {
            return 0;
        }
        long n = 0;
        for (AttributeProto a : node.getAttributeList()) {
            n += switch (a.getName()) {
                case "value" -> TensorTypes.elementCount(a.getT());
                case "sparse_value" -> TensorTypes.elementCount(a.getSparseTensor().getValues());
                case "value_float", "value_int", "value_string" -> 1;
                case "value_floats" -> a.getFloatsCount();
                case "value_ints" -> a.getIntsCount();
                case "value_strings" -> a.getStringsCount();
                default -> 0;
            };
        }
        return n;
    }

    private static String producer(ModelProto model) {
        return (model.getProducerName() + " " + model.getProducerVersion()).trim();
    }

    private static long defaultOpset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> isDefaultDomain(o.getDomain()))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(0);
    }

    private static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }
}
