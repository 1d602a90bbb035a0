package dev.neurolens.milan;

import java.util.List;

/**
 * A {@link DescriptionModel} bound to one concept dataset. Implementations must be safe for
 * concurrent use.
 */
public interface DescriptionScorer {

    /**
     * Candidate descriptions for an exemplar set (MILAN decodes them with beam search; a grammar
     * enumerates them). Order does not matter; no duplicates.
     */
    List<String> propose(ExemplarSet set);

    /**
     * {@code log p(d|E)}: how well the description fits the exemplar set; at most 0, finite.
     * A description the model cannot read scores its floor, never an exception.
     */
    double logLikelihood(String description, ExemplarSet set);

    /**
     * How well the description fits each exemplar, in [0, 1], in the set's order: the evidence
     * shown next to a description. The default says nothing (all 0).
     */
    default double[] exemplarFit(String description, ExemplarSet set) {
        return new double[set.size()];
    }
}
