package dev.neurolens.ui.explain;

import dev.neurolens.core.explain.Target;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.core.resources.IFile;

/**
 * What the user chose for one explanation run.
 *
 * @param model the model file in the workspace
 * @param images the image files (workspace or file system), in order
 * @param methods the explainer ids, in order
 * @param parameters per method id, the parameter values as text (defaults filled in)
 * @param target the class to explain
 * @param layer the layer for layer methods, or empty for each method's default
 */
public record ExplainSettings(IFile model, List<Path> images, List<String> methods,
        Map<String, Map<String, String>> parameters, Target target, Optional<String> layer) {

    /** Compact constructor: copies and checks. */
    public ExplainSettings {
        images = List.copyOf(images);
        methods = List.copyOf(methods);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        parameters = java.util.Collections.unmodifiableMap(copy);
        if (images.isEmpty() || methods.isEmpty()) {
            throw new IllegalArgumentException("an explanation needs at least one image and one method");
        }
    }

    /** The parameters of one method (empty if none were given). */
    public Map<String, String> parameters(String method) {
        return parameters.getOrDefault(method, Map.of());
    }

    /** The same run for other methods and another target (parameters of those methods kept). */
    public ExplainSettings with(List<String> otherMethods, Target otherTarget) {
        return new ExplainSettings(model, images, otherMethods, parameters, otherTarget, layer);
    }
}
