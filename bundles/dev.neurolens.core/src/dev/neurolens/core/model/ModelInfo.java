package dev.neurolens.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What NeuroLens knows about a loaded model: where it came from, its inputs and outputs, its
 * layers and the preprocessing its images need.
 *
 * @param source the model file or folder
 * @param format model format, e.g. {@code onnx} or {@code tensorflow-savedmodel}
 * @param engine the engine that runs it, e.g. {@code OnnxRuntime}
 * @param producer the tool that wrote the model, e.g. {@code pytorch 1.13.1}, or {@code ""}
 * @param opsetVersion the ONNX opset of the graph (0 where not applicable)
 * @param inputs graph inputs that are fed at run time (not weights)
 * @param outputs graph outputs
 * @param layers the nodes in topological order
 * @param parameterCount number of weight values
 * @param preprocessing how images become input tensors
 */
public record ModelInfo(Path source, String format, String engine, String producer, long opsetVersion,
        List<TensorInfo> inputs, List<TensorInfo> outputs, List<LayerInfo> layers, long parameterCount,
        Preprocessing preprocessing) {

    /** Compact constructor: copies the lists. */
    public ModelInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
    }

    /** The layer named {@code nameOrTensor} (node name or output tensor name), if any. */
    public Optional<LayerInfo> layer(String nameOrTensor) {
        return layers.stream().filter(l -> l.name().equals(nameOrTensor)).findFirst()
                .or(() -> layers.stream().filter(l -> l.matches(nameOrTensor)).findFirst());
    }

    /** The single image input; models with several inputs are not image classifiers we explain. */
    public TensorInfo imageInput() {
        return inputs.get(0);
    }
}
