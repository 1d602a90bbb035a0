package dev.neurolens.core.explain;

import dev.neurolens.core.tensor.Tensor;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The attribution for one image.
 *
 * @param imageName the image's name (file stem)
 * @param map the raw attribution without the batch axis: {@code [C,H,W]} in input space, or
 *     {@code [h,w]} at a layer's resolution
 * @param upsampled the map resized to the input's height and width, for layer-resolution maps
 * @param targetClass the explained class index
 * @param targetLabel its label, or {@code ""}
 * @param score the explained logit
 * @param completenessDelta {@code sum(attribution) - (f(x) - f(baseline))} where the method defines it
 */
public record AttributionMap(String imageName, Tensor map, Optional<Tensor> upsampled, int targetClass,
        String targetLabel, float score, OptionalDouble completenessDelta) {
}
