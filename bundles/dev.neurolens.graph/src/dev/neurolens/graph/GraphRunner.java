package dev.neurolens.graph;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.Map;

/**
 * The capability of a loaded model to run explanation graphs, offered by engines through
 * {@link dev.neurolens.core.model.LoadedModel#capability(Class)}. Explainers express their method
 * as an {@link ExplanationPlan}, let the runner compile it (compiled graphs and engine sessions
 * are cached per plan), and run it on batches.
 */
public interface GraphRunner {

    /** The forward model as NeuroLens sees it (normalized: node names filled in, opset upgraded). */
    ModelProto model();

    /** Static shapes of the forward model's tensors ({@code -1} on the batch axis). */
    Map<String, long[]> shapes();

    /**
     * Compiles a plan (or returns the cached result for an equal plan).
     *
     * @throws dev.neurolens.core.NeuroLensException naming the op and node when a node on the
     *     backward path has no rule, or a tensor of the plan does not exist
     */
    CompiledGraph compile(ExplanationPlan plan);

    /**
     * Runs a compiled graph.
     *
     * @param graph from {@link #compile}
     * @param batch the model input batch
     * @param seed the seed for the backward pass, of the plan output's shape for this batch; ignored
     *     (may be null) when the graph computes its seed from the prediction
     * @param progress polled for cancellation while the engine runs
     * @return every output of the graph by name (the plan's output, gradients, taps); the gradients
     *     of a plan {@linkplain ExplanationPlan#summedOverBatch() summed over the batch} have a batch
     *     axis of 1 (every engine must honour that flag)
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    Map<String, Tensor> run(CompiledGraph graph, Tensor batch, Tensor seed, Progress progress);
}
