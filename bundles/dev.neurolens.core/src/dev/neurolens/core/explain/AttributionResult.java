package dev.neurolens.core.explain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attribution maps for a batch of images.
 *
 * @param method the explainer id
 * @param parameters parameters with defaults filled in
 * @param layer the layer the maps live at, or empty for input space
 * @param maps one map per image, in batch order
 * @param timingsMillis timings by phase
 */
public record AttributionResult(String method, Map<String, String> parameters, Optional<String> layer,
        List<AttributionMap> maps, Map<String, Double> timingsMillis) implements Explanation {

    /** Compact constructor: copies. */
    public AttributionResult {
        parameters = Map.copyOf(parameters);
        maps = List.copyOf(maps);
        timingsMillis = Map.copyOf(timingsMillis);
    }
}
