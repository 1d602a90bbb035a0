package dev.neurolens.core.model;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model opened by a {@link ModelAdapter}, holding engine sessions and native memory until
 * {@link #close()}. Instances are safe for use by one thread at a time.
 */
public interface LoadedModel extends AutoCloseable {

    /** What the model is: inputs, outputs, layers, preprocessing. */
    ModelInfo info();

    /**
     * Runs the model on a batch of preprocessed images and returns its first output (for a
     * classifier, the logits {@code [batch, classes]}).
     *
     * @throws dev.neurolens.core.NeuroLensException if the batch's shape does not fit the input,
     *     or it holds NaN or infinite values
     */
    default Tensor predict(Tensor batch) {
        String out = info().outputs().get(0).name();
        return run(batch, List.of(out), Progress.NONE).get(out);
    }

    /**
     * Runs the model on a batch and returns the named tensors: graph outputs or any intermediate
     * tensor (an engine makes intermediate tensors fetchable as needed).
     *
     * @param batch the input batch, in the layout of {@link ModelInfo#imageInput()}
     * @param tensorNames tensor names to return; node names are accepted for their first output
     * @param progress polled for cancellation while the engine runs
     * @return the tensors by the names asked for, in the order asked
     * @throws dev.neurolens.core.NeuroLensException if a name is unknown or the input does not fit
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    Map<String, Tensor> run(Tensor batch, List<String> tensorNames, Progress progress);

    /**
     * An optional capability of this model, in the manner of Eclipse's adapters: e.g. the graph
     * bundle's explanation runner. Engines offer what they can; callers ask by type.
     */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /** Releases sessions and native memory. Idempotent; never throws. */
    @Override
    void close();
}
