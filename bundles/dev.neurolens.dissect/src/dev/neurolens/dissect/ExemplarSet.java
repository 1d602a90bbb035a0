package dev.neurolens.dissect;

import java.util.List;

/**
 * A unit's top-k images, best first.
 *
 * @param unit the unit (channel index)
 * @param threshold the threshold the masks were binarized at
 * @param minimized whether these are the images of most negative activation (lowest minimum)
 * @param exemplars the images, best first
 */
public record ExemplarSet(int unit, float threshold, boolean minimized, List<Exemplar> exemplars) {

    /** Compact constructor: copies. */
    public ExemplarSet {
        exemplars = List.copyOf(exemplars);
    }
}
