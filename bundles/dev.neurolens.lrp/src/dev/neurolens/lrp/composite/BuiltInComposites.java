package dev.neurolens.lrp.composite;

import dev.neurolens.lrp.LrpComposite;
import java.util.List;

/**
 * The built-in composites, as Zennit defines them (zennit.composites): ε on dense layers
 * everywhere; z⁺, α2β1 or γ on convolutions; flat on every first linear layer (convolution or
 * dense) for the {@code -flat} variants, z^B on first convolutions for {@code epsilon-gamma-box}.
 */
public final class BuiltInComposites {
    /** The default composite: needs no input bounds, and fits any ReLU network. */
    public static final String DEFAULT = "epsilon-plus-flat";

    private static final List<LrpComposite> ALL = List.of(
            new LayerTypeComposite("epsilon-plus", "z⁺ on convolutions, ε on dense layers", "zplus", "epsilon", null,
                    false),
            new LayerTypeComposite("epsilon-plus-flat", "flat on first layers, z⁺ on convolutions, ε on dense layers",
                    "zplus", "epsilon", "flat", true),
            new LayerTypeComposite("epsilon-gamma-box", "z^B on first convolutions, γ on convolutions, ε on dense layers",
                    "gamma", "epsilon", "zbox", false),
            new LayerTypeComposite("epsilon-alpha2-beta1", "α2β1 on convolutions, ε on dense layers", "alpha2-beta1",
                    "epsilon", null, false),
            new LayerTypeComposite("epsilon-alpha2-beta1-flat",
                    "flat on first layers, α2β1 on convolutions, ε on dense layers", "alpha2-beta1", "epsilon", "flat",
                    true));

    private BuiltInComposites() {
    }

    /** Every built-in composite, in a fixed order. */
    public static List<LrpComposite> all() {
        return ALL;
    }
}
