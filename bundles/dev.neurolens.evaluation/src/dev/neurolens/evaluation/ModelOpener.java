package dev.neurolens.evaluation;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import java.nio.file.Path;

/** Opens a model file with the given preprocessing (e.g. through the first accepting {@code ModelAdapter}). */
@FunctionalInterface
public interface ModelOpener {

    /** Opens {@code file}; the caller closes the model. */
    LoadedModel open(Path file, Preprocessing preprocessing);
}
