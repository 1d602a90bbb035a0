package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import java.nio.file.Path;

/**
 * What the TensorFlow adapter components share: the cache folder, the engine (started on first
 * use) and opening. One per component.
 */
public final class AdapterSupport {
    /**
     * The system or framework property that makes the default adapter run plain gradients on
     * TensorFlow: {@code tensorflow}; anything else (default {@code onnxruntime}) runs every plan on
     * ONNX Runtime.
     */
    public static final String GRADIENTS_PROPERTY = "neurolens.tensorflow.gradients";

    private final Path cacheRoot;
    private TfRuntime runtime;

    /** @param cacheRootProperty the value of {@code neurolens.cache}, or {@code null} */
    public AdapterSupport(String cacheRootProperty) {
        this.cacheRoot = CacheDirectory.root(cacheRootProperty);
    }

    /** Whether a property value asks for TensorFlow gradients. */
    public static boolean nativeRequested(String value) {
        return "tensorflow".equals(value);
    }

    /** Opens a SavedModel folder (or its {@code saved_model.pb}), running the imported graph on {@code onnxAdapter}. */
    public LoadedModel open(Path folder, ModelOptions options, ModelAdapter onnxAdapter, boolean nativeGradients) {
        return new SavedModelOpener(this::runtime, onnxAdapter, cacheRoot, nativeGradients)
                .open(SavedModelFolder.folderOf(folder), options);
    }

    private synchronized TfRuntime runtime() {
        if (runtime == null) {
            runtime = TfRuntime.start(cacheRoot);
        }
        return runtime;
    }
}
