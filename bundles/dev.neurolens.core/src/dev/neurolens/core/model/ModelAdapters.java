package dev.neurolens.core.model;

import dev.neurolens.core.NeuroLensException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Picks the engine for a model file among the installed {@link ModelAdapter}s. */
public final class ModelAdapters {
    private ModelAdapters() {
    }

    /** The first adapter (in the given order, highest ranking first) that accepts {@code model}. */
    public static Optional<ModelAdapter> find(List<ModelAdapter> adapters, Path model) {
        return adapters.stream().filter(a -> a.accepts(model)).findFirst();
    }

    /**
     * Opens {@code model} with the first adapter that accepts it.
     *
     * @throws NeuroLensException if the file is missing or no installed engine accepts it
     */
    public static LoadedModel open(List<ModelAdapter> adapters, Path model, ModelOptions options) {
        if (!Files.exists(model)) {
            throw new NeuroLensException("model file " + model + " not found");
        }
        Optional<ModelAdapter> adapter = find(adapters, model);
        if (adapter.isEmpty()) {
            String engines = adapters.isEmpty() ? "no model engine is installed"
                    : "installed engines: " + adapters.stream().map(ModelAdapter::displayName)
                            .collect(Collectors.joining(", "));
            throw new NeuroLensException(model + " is not a model file NeuroLens can open (expected an .onnx file; "
                    + engines + ")");
        }
        return adapter.get().open(model, options);
    }
}
