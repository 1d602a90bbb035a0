package dev.neurolens.core.explain;

import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an explainer needs besides the model: the same object whether it comes from the
 * command line or the workbench.
 *
 * @param batch preprocessed images, in the model's input layout
 * @param imageNames a name per image (file stem), used for result files
 * @param target the class to explain
 * @param layer a layer (node or tensor name) for layer methods, or empty for the method's default
 * @param parameters method parameters by name, as text (see {@link Explainer#parameters()})
 */
public record ExplanationRequest(Tensor batch, List<String> imageNames, Target target, Optional<String> layer,
        Map<String, String> parameters) {

    /** Compact constructor: copies and validates. */
    public ExplanationRequest {
        imageNames = List.copyOf(imageNames);
        parameters = Map.copyOf(parameters);
        if (batch.rank() < 1 || batch.dim(0) != imageNames.size()) {
            throw new IllegalArgumentException("batch of " + (batch.rank() < 1 ? 0 : batch.dim(0))
                    + " images but " + imageNames.size() + " names");
        }
    }

    /** The parameter {@code name}, or {@code defaultValue}. */
    public String parameter(String name, String defaultValue) {
        return parameters.getOrDefault(name, defaultValue);
    }
}
