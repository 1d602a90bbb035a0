package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.List;
import java.util.Map;

/**
 * An explanation graph ready for an engine: one ONNX model that runs the forward pass and the
 * backward pass of an {@link ExplanationPlan} in a single call.
 *
 * <p>Inputs: {@link #input} (the model's input batch) and {@link #seed} (a tensor of the shape of
 * the plan's output, e.g. one-hot rows for the target classes). Outputs: {@link #output} (the
 * forward value of the plan's output, e.g. the logits), the gradients by the names in
 * {@link #gradients}, and the {@link #taps}.
 *
 * @param key a stable identity for caching engine sessions (equal plans on the same model give
 *     equal keys)
 * @param model the ONNX model
 * @param input the name of the image-batch input
 * @param seed the name of the seed input, or {@code null} when the graph computes its seed from the
 *     prediction ({@link ExplanationPlan#seedFromPrediction()})
 * @param output the name of the forward output returned
 * @param gradients for each tensor of the plan's {@code gradientsOf}, the graph output holding its gradient
 * @param taps the forward tensors returned (graph outputs of the same names)
 * @param summedOverBatch whether the {@link #gradients} come summed over the batch (a batch axis of
 *     1, {@link ExplanationPlan#summedOverBatch()}); the output and the taps always have a row per
 *     input row
 */
public record CompiledGraph(String key, ModelProto model, String input, String seed, String output,
        Map<String, String> gradients, List<String> taps, boolean summedOverBatch) {

    /** Compact constructor: copies. */
    public CompiledGraph {
        gradients = Map.copyOf(gradients);
        taps = List.copyOf(taps);
    }
}
