package dev.neurolens.core.model;

import java.util.Optional;

/**
 * Options for opening a model.
 *
 * @param device {@code cpu} or {@code gpu} (engines fall back to CPU and say so)
 * @param threads intra-op threads for the engine; 0 means "one per available core"
 * @param preprocessing preprocessing that overrides the model's sidecar file, if present
 * @param signature the model signature to use (TensorFlow SavedModels), or empty for the default
 */
public record ModelOptions(String device, int threads, Optional<Preprocessing> preprocessing,
        Optional<String> signature) {

    /** CPU, one thread per core, the sidecar's preprocessing, the default signature. */
    public static ModelOptions defaults() {
        return new ModelOptions("cpu", 0, Optional.empty(), Optional.empty());
    }

    /** Compact constructor: validates. */
    public ModelOptions {
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be 'cpu' or 'gpu', got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0");
        }
    }

    /** A copy with the given preprocessing. */
    public ModelOptions withPreprocessing(Preprocessing p) {
        return new ModelOptions(device, threads, Optional.of(p), signature);
    }

    /** A copy with the given thread count. */
    public ModelOptions withThreads(int n) {
        return new ModelOptions(device, n, preprocessing, signature);
    }

    /** The effective thread count: {@link #threads} or the number of available cores. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
