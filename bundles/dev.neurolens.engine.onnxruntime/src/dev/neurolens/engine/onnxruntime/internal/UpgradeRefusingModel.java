package dev.neurolens.engine.onnxruntime.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model that runs as its file is because the upgrade to the explanation opset failed or did not
 * compute the same outputs: predictions and tensor fetches work, and compiling an explanation is
 * refused with the reason.
 */
final class UpgradeRefusingModel implements LoadedModel {
    private final LoadedModel model;
    private final String reason;

    UpgradeRefusingModel(LoadedModel model, String reason) {
        this.model = model;
        this.reason = reason;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public Tensor predict(Tensor batch) {
        return model.predict(batch);
    }

    @Override
    public Map<String, Tensor> run(Tensor batch, List<String> tensorNames, Progress progress) {
        return model.run(batch, tensorNames, progress);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == GraphRunner.class) {
            return model.capability(GraphRunner.class).map(r -> type.cast(new Refusing(r)));
        }
        return model.capability(type);
    }

    @Override
    public void close() {
        model.close();
    }

    /** The runner of the file's model, which refuses to compile plans. */
    private final class Refusing implements GraphRunner {
        private final GraphRunner runner;

        Refusing(GraphRunner runner) {
            this.runner = runner;
        }

        @Override
        public ModelProto model() {
            return runner.model();
        }

        @Override
        public Map<String, long[]> shapes() {
            return runner.shapes();
        }

        @Override
        public CompiledGraph compile(ExplanationPlan plan) {
            throw new NeuroLensException(reason);
        }

        @Override
        public Map<String, Tensor> run(CompiledGraph graph, Tensor batch, Tensor seed, Progress progress) {
            return runner.run(graph, batch, seed, progress);
        }
    }
}
