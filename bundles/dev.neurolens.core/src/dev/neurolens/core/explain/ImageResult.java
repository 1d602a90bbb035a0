package dev.neurolens.core.explain;

import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Images an explainer synthesized, e.g. feature visualizations.
 *
 * @param method the explainer id
 * @param parameters parameters with defaults filled in
 * @param images images as {@code [3,H,W]} tensors with values in [0,1]
 * @param trace a value per step (e.g. the objective), for plotting
 * @param timingsMillis timings by phase
 */
public record ImageResult(String method, Map<String, String> parameters, List<Tensor> images, List<Double> trace,
        Map<String, Double> timingsMillis) implements Explanation {

    /** Compact constructor: copies. */
    public ImageResult {
        parameters = Map.copyOf(parameters);
        images = List.copyOf(images);
        trace = List.copyOf(trace);
        timingsMillis = Map.copyOf(timingsMillis);
    }
}
