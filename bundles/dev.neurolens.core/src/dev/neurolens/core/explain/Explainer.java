package dev.neurolens.core.explain;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import java.util.List;

/**
 * An explanation method, registered as an OSGi service. Third-party bundles add methods by
 * registering one more {@code Explainer}; front ends list them, build forms from
 * {@link #parameters()} and call {@link #explain}.
 */
public interface Explainer {

    /** A stable id used on the command line, e.g. {@code integrated-gradients}. */
    String id();

    /** A name for users, e.g. {@code Integrated Gradients}. */
    String displayName();

    /** One or two sentences: what it shows and what it costs. */
    String description();

    /** What kind of result it produces. */
    ExplanationKind kind();

    /** Its parameters, with defaults. */
    List<ParameterDescriptor> parameters();

    /** Whether it needs a layer ({@link ExplanationRequest#layer()}). */
    default boolean usesLayer() {
        return false;
    }

    /**
     * Explains the request's images on {@code model}.
     *
     * @throws dev.neurolens.core.NeuroLensException with a one-line message on bad parameters, an
     *     unknown layer or target, or a model the method cannot handle
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress);
}
