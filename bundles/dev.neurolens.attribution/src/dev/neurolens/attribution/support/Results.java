package dev.neurolens.attribution.support;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Builds the per-image {@link AttributionMap}s of a batch result. */
public final class Results {
    private Results() {
    }

    /**
     * Input-space maps: item {@code i} of {@code attributions} (same shape as the input batch) is
     * image {@code i}'s map.
     */
    public static List<AttributionMap> inputSpace(ExplanationRequest request, Targets targets, Tensor attributions,
            Preprocessing pre) {
        List<AttributionMap> maps = new ArrayList<>();
        for (int i = 0; i < request.imageNames().size(); i++) {
            maps.add(map(request, targets, i, attributions.slice(i), Optional.empty(), OptionalDouble.empty(), pre));
        }
        return maps;
    }

    /** One image's map. */
    public static AttributionMap map(ExplanationRequest request, Targets targets, int i, Tensor map,
            Optional<Tensor> upsampled, OptionalDouble delta, Preprocessing pre) {
        return new AttributionMap(request.imageNames().get(i), map, upsampled, targets.classOf(i),
                targets.label(i, pre), targets.score(i), delta);
    }
}
