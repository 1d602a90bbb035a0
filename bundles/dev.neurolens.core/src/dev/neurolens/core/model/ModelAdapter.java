package dev.neurolens.core.model;

import java.nio.file.Path;

/**
 * An engine's entry point, registered as an OSGi service: it recognizes model files it can run
 * and opens them. The CLI and the workbench pick the first adapter whose {@link #accepts} is true
 * (engines with a higher {@code service.ranking} first).
 */
public interface ModelAdapter {

    /** A stable id, e.g. {@code onnxruntime}. */
    String id();

    /** A name for users, e.g. {@code ONNX Runtime 1.21.1 (DJL 0.36.0)}. */
    String displayName();

    /**
     * Whether this adapter can open {@code model}, judged cheaply (by name and a few bytes; never
     * by loading the model).
     */
    boolean accepts(Path model);

    /**
     * Opens a model. The caller closes the result.
     *
     * @throws dev.neurolens.core.NeuroLensException with a one-line message if the file is missing,
     *     not a model of this format, corrupt, or uses something the engine cannot run
     */
    LoadedModel open(Path model, ModelOptions options);
}
