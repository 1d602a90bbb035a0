package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.engine.tensorflow.importer.FlatGraph;
import dev.neurolens.engine.tensorflow.importer.TfTensorRef;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.HashMap;
import java.util.Map;

/**
 * Explanation plans of a SavedModel, with plain gradients (Saliency, Gradient × Input, Integrated
 * Gradients, SmoothGrad, Grad-CAM, Grad-CAM++ …) run on TensorFlow ({@link NativeGradients}) and every
 * other plan (rule overrides: Guided Backprop, DeconvNet, LRP) on ONNX Runtime over the imported
 * graph. Plans are always compiled by ONNX Runtime's runner too: its compilation names the outputs.
 */
final class TfGraphRunner implements GraphRunner, AutoCloseable {
    private final GraphRunner onnx;
    private final FlatGraph flat;
    private final Map<String, TfTensorRef> origins;
    private final Map<String, NativeGradients> natives = new HashMap<>();

    TfGraphRunner(GraphRunner onnx, FlatGraph flat, Map<String, TfTensorRef> origins) {
        this.onnx = onnx;
        this.flat = flat;
        this.origins = origins;
    }

    @Override
    public ModelProto model() {
        return onnx.model();
    }

    @Override
    public Map<String, long[]> shapes() {
        return onnx.shapes();
    }

    @Override
    public CompiledGraph compile(ExplanationPlan plan) {
        CompiledGraph graph = onnx.compile(plan);
        if (NativeGradients.handles(plan, origins)) {
            synchronized (natives) {
                natives.computeIfAbsent(graph.key(), k -> NativeGradients.build(flat, origins, plan, graph));
            }
        }
        return graph;
    }

    /** Whether a compiled plan runs on TensorFlow. */
    boolean runsNatively(CompiledGraph graph) {
        synchronized (natives) {
            return natives.containsKey(graph.key());
        }
    }

    @Override
    public Map<String, Tensor> run(CompiledGraph graph, Tensor batch, Tensor seed, Progress progress) {
        NativeGradients g;
        synchronized (natives) {
            g = natives.get(graph.key());
        }
        return g == null ? onnx.run(graph, batch, seed, progress) : g.run(batch, graph.seed() == null ? null : seed,
                progress);
    }

    @Override
    public void close() {
        synchronized (natives) {
            natives.values().forEach(NativeGradients::close);
            natives.clear();
        }
    }
}
