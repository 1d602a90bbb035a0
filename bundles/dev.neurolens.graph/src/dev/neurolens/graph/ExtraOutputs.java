package dev.neurolens.graph;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TypeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes intermediate tensors fetchable: engines such as ONNX Runtime return graph outputs only,
 * so this returns a copy of a model whose graph has the named tensors as extra outputs.
 */
public final class ExtraOutputs {

    private ExtraOutputs() {
    }

    /**
     * A copy of {@code model} with {@code tensorNames} added to the graph outputs (names that are
     * outputs already are skipped). Each new output takes its type from the graph's value_info, or
     * is declared a float tensor of unknown shape.
     *
     * @throws NeuroLensException if a name is not a tensor of the graph
     */
    public static ModelProto withOutputs(ModelProto model, Collection<String> tensorNames) {
        Map<String, ValueInfoProto> valueInfo = model.getGraph().getValueInfoList().stream()
                .collect(Collectors.toMap(ValueInfoProto::getName, Function.identity(), (a, b) -> a));
        return add(model, tensorNames, name -> valueInfo.getOrDefault(name, floatTensor(name)));
    }

    /**
     * A copy of {@code model} with {@code tensorNames} added to the graph outputs without a type,
     * for engines that infer output types themselves (ONNX Runtime does). Useful when the types
     * are not known, e.g. to fetch every tensor of a graph once.
     *
     * @throws NeuroLensException if a name is not a tensor of the graph
     */
    public static ModelProto withUntypedOutputs(ModelProto model, Collection<String> tensorNames) {
        return add(model, tensorNames, name -> ValueInfoProto.newBuilder().setName(name).build());
    }

    private static ModelProto add(ModelProto model, Collection<String> tensorNames,
            Function<String, ValueInfoProto> declare) {
        GraphProto graph = model.getGraph();
        TensorNames names = TensorNames.of(model);
        List<String> unknown = tensorNames.stream().filter(n -> !names.isTensor(n)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new NeuroLensException("the model has no tensor named " + String.join(", ", unknown));
        }
        Set<String> present = new HashSet<>();
        graph.getOutputList().forEach(o -> present.add(o.getName()));
        GraphProto.Builder changed = graph.toBuilder();
        for (String name : new LinkedHashSet<>(tensorNames)) {
            if (present.add(name)) {
                changed.addOutput(declare.apply(name));
            }
        }
        return model.toBuilder().setGraph(changed).build();
    }

    private static ValueInfoProto floatTensor(String name) {
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
