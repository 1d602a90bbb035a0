package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SavedModel opened by NeuroLens: {@link #predict} runs the SavedModel itself on TensorFlow
 * (DJL); intermediate tensors and explanation graphs run on the imported ONNX-semantics graph
 * ({@code imported}, an ONNX Runtime model) — unless the import did not reproduce the SavedModel's
 * outputs, then explanations are refused with the reason.
 */
final class TensorFlowModel implements LoadedModel {
    private final ModelInfo info;
    private final DjlSavedModel savedModel;
    private final LoadedModel imported;
    private final Optional<String> disagreement;
    private final Optional<GraphRunner> nativeRunner;
    private boolean closed;

    TensorFlowModel(ModelInfo info, DjlSavedModel savedModel, LoadedModel imported, Optional<String> disagreement,
            Optional<GraphRunner> nativeRunner) {
        this.info = info;
        this.savedModel = savedModel;
        this.imported = imported;
        this.disagreement = disagreement;
        this.nativeRunner = nativeRunner;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The SavedModel's own output, computed by TensorFlow. */
    @Override
    public Tensor predict(Tensor batch) {
        ensureOpen();
        // the imported model checks shape and values (fetching only the input runs nothing)
        imported.run(batch, List.of(info.imageInput().name()), Progress.NONE);
        return savedModel.predict(batch);
    }

    @Override
    public Map<String, Tensor> run(Tensor batch, List<String> tensorNames, Progress progress) {
        ensureOpen();
        return imported.run(batch, tensorNames, progress);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        ensureOpen();
        if (type == GraphRunner.class) {
            if (disagreement.isPresent()) {
                throw new NeuroLensException("cannot explain " + info.source() + ": " + disagreement.get());
            }
            if (nativeRunner.isPresent()) {
                return Optional.of(type.cast(nativeRunner.get()));
            }
        }
        return imported.capability(type);
    }

    /** Why explanations are refused, if they are. */
    Optional<String> disagreement() {
        return disagreement;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (nativeRunner.isPresent() && nativeRunner.get() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // frees native memory only
            }
        }
        imported.close();
        savedModel.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + info.source() + " is closed");
        }
    }
}
