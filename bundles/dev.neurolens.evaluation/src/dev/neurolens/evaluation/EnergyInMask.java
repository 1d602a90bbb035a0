package dev.neurolens.evaluation;

import dev.neurolens.core.tensor.Tensor;

/**
 * The share of a map's positive energy that falls on the object (the "energy-based pointing game"
 * of Score-CAM, Wang et al. 2020): {@code Σ_{p∈mask} max(m_p, 0) / Σ_p max(m_p, 0)}. 1 when all
 * evidence is on the object; the object's share of the image for a uniform map; 0 for a map with
 * no positive value.
 */
public final class EnergyInMask {
    private EnergyInMask() {
    }

    /**
     * The energy share of {@code map} inside {@code mask}.
     *
     * @throws IllegalArgumentException if the sizes do not match
     */
    public static double of(Tensor map, boolean[] mask) {
        if (map.size() != mask.length) {
            throw new IllegalArgumentException("energy in mask needs a map of " + mask.length + " values, got "
                    + map.shapeString());
        }
        double inside = 0;
        double total = 0;
        for (int i = 0; i < mask.length; i++) {
            double v = Math.max(0f, map.get(i));
            total += v;
            if (mask[i]) {
                inside += v;
            }
        }
        return total > 0 ? inside / total : 0;
    }
}
