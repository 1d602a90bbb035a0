package dev.neurolens.milan;

import java.util.List;

/**
 * The description of one unit: its candidates ranked by PMI (best first), and the evidence for
 * the best.
 *
 * @param exemplars the unit's exemplar set
 * @param ranked the best description and the runner-ups, highest PMI first (not empty)
 * @param support how well the best description fits each exemplar, in the exemplars' order
 */
public record UnitDescription(ExemplarSet exemplars, List<ScoredDescription> ranked, double[] support) {

    /** Copies the list and array. */
    public UnitDescription {
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("a unit description needs at least one candidate");
        }
        ranked = List.copyOf(ranked);
        support = support.clone();
    }

    /** The unit. */
    public Unit unit() {
        return exemplars.unit();
    }

    /** The best description. */
    public ScoredDescription best() {
        return ranked.get(0);
    }

    /** The runner-ups (every ranked candidate after the best). */
    public List<ScoredDescription> runnerUps() {
        return ranked.subList(1, ranked.size());
    }

    /** A copy of the per-exemplar fit of the best description. */
    @Override
    public double[] support() {
        return support.clone();
    }
}
