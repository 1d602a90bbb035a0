package dev.neurolens.core.model;

import java.util.List;
import java.util.Map;

/**
 * One node of the model graph as a user sees it: a layer with an operation type, inputs and
 * outputs. Layer methods (Grad-CAM, dissection) accept either the node name or one of its output
 * tensor names.
 *
 * @param name node name (unique in the graph; engines invent one for unnamed nodes)
 * @param opType operation type in ONNX spelling, e.g. {@code Conv}, {@code Relu}
 * @param inputs names of the input tensors
 * @param outputs the output tensors with their shapes (as far as known)
 * @param attributes the node's attributes rendered as text, e.g. {@code strides -> [2, 2]}
 * @param parameterCount number of values in the constant weights the node reads
 */
public record LayerInfo(String name, String opType, List<String> inputs, List<TensorInfo> outputs,
        Map<String, String> attributes, long parameterCount) {

    /** Compact constructor: copies the collections. */
    public LayerInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /** Whether {@code nameOrTensor} names this node or one of its outputs. */
    public boolean matches(String nameOrTensor) {
        return name.equals(nameOrTensor) || outputs.stream().anyMatch(o -> o.name().equals(nameOrTensor));
    }
}
