package dev.neurolens.lrp;

import java.util.Optional;

/**
 * A named assignment of rules to the linear layers of a model (Zennit's composites), also an
 * OSGi service interface through which bundles contribute composites. The other nodes on the
 * relevance path get fixed rules: element-wise activations pass relevance through, max pooling
 * passes it to the winner, average pooling and residual sums split it proportionally (z-rule).
 */
public interface LrpComposite {

    /** The composite's name, e.g. {@code epsilon-plus-flat}. */
    String name();

    /** One sentence for users. */
    String description();

    /**
     * The name of the rule for a layer ({@link LrpRuleFactory#name()} or a built-in name), or empty
     * when the composite has none for it (the explanation then fails, naming the node).
     */
    Optional<String> ruleFor(LayerSlot layer);
}
