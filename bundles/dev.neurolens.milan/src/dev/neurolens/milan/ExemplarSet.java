package dev.neurolens.milan;

import java.util.List;

/**
 * The exemplar set {@code E} of a unit: its top-k images by maximum activation, most active
 * first, each with the unit's binarized activation region (MILAN section 2; Network Dissection's
 * masks).
 *
 * @param unit the unit
 * @param threshold the activation threshold that binarized the masks
 * @param exemplars the exemplars, most active first
 */
public record ExemplarSet(Unit unit, double threshold, List<Exemplar> exemplars) {

    /** Copies the list. */
    public ExemplarSet {
        exemplars = List.copyOf(exemplars);
    }

    /** The number of exemplars. */
    public int size() {
        return exemplars.size();
    }
}
