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
 * @param notes what the method wants the user to know about this run that is not a parameter,
 *     e.g. which nodes' backward rules it replaced ({@code overridden → 19 Relu}); written to the
 *     result's JSON under {@code notes}
 */
public record AttributionResult(String method, Map<String, String> parameters, Optional<String> layer,
        List<AttributionMap> maps, Map<String, Double> timingsMillis, Map<String, String> notes)
        implements Explanation {

    /** Compact constructor: copies. */
    public AttributionResult {
        parameters = Map.copyOf(parameters);
        maps = List.copyOf(maps);
        timingsMillis = Map.copyOf(timingsMillis);
        notes = Map.copyOf(notes);
    }

    /** A result without notes. */
    public AttributionResult(String method, Map<String, String> parameters, Optional<String> layer,
            List<AttributionMap> maps, Map<String, Double> timingsMillis) {
        this(method, parameters, layer, maps, timingsMillis, Map.of());
    }
}
