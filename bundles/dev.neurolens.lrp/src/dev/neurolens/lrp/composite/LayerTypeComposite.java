package dev.neurolens.lrp.composite;

import dev.neurolens.lrp.LayerSlot;
import dev.neurolens.lrp.LrpComposite;
import java.util.Optional;

/**
 * A composite that assigns rules by layer type, with an optional special rule for first layers
 * (Zennit's {@code LayerMapComposite} and {@code SpecialFirstLayerMapComposite}).
 *
 * @param name the composite's name
 * @param description one sentence for users
 * @param convolution the rule for convolutions
 * @param dense the rule for dense layers (Gemm, MatMul)
 * @param first the rule for first layers, or null for none
 * @param firstIncludesDense whether the first-layer rule also applies to dense first layers
 *     (Zennit's first map of type {@code Linear}) or to convolutions only ({@code Convolution})
 */
public record LayerTypeComposite(String name, String description, String convolution, String dense, String first,
        boolean firstIncludesDense) implements LrpComposite {

    @Override
    public Optional<String> ruleFor(LayerSlot layer) {
        if (layer.first() && first != null && (layer.convolution() || firstIncludesDense)) {
            return Optional.of(first);
        }
        return Optional.of(layer.convolution() ? convolution : dense);
    }
}
