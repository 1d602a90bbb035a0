package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How map values become colormap positions in [0,1]. Ranges are taken over the finite values;
 * a map with no spread (all values equal, or all zero for the scalings that divide by a
 * maximum) maps to the scaling's neutral position instead of dividing by zero.
 */
public enum Scaling {
    /** {@code (v - min) / (max - min)}: the full colour range for any map; constant maps give 0. */
    MIN_MAX,
    /**
     * {@code 0.5 + v / (2 max|v|)}: zero stays at 0.5, for signed maps with a diverging colormap;
     * all-zero maps give 0.5.
     */
    SYMMETRIC,
    /** {@code max(v, 0) / max}: negative values are cut to 0; maps without a positive value give 0. */
    POSITIVE;

    /**
     * The position of every value of {@code map}, in [0,1], in the map's order. NaN goes to the
     * neutral position (0, or 0.5 for {@link #SYMMETRIC}); infinities go to the ends.
     */
    public float[] apply(Tensor map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < map.size(); i++) {
            float v = map.get(i);
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float[] out = new float[map.size()];
        double neutral = this == SYMMETRIC ? 0.5 : 0.0;
        for (int i = 0; i < out.length; i++) {
            float v = map.get(i);
            double t;
            if (Float.isNaN(v)) {
                t = neutral;
            } else if (Float.isInfinite(v)) {
                t = v > 0 ? 1 : 0;
            } else {
                t = switch (this) {
                    case MIN_MAX -> max > min ? ((double) v - min) / ((double) max - min) : 0.0;
                    case SYMMETRIC -> {
                        double bound = Math.max(Math.abs((double) min), Math.abs((double) max));
                        yield bound > 0 ? 0.5 + v / (2 * bound) : 0.5;
                    }
                    case POSITIVE -> max > 0 ? Math.max(v, 0) / (double) max : 0.0;
                };
            }
            out[i] = (float) Math.min(1.0, Math.max(0.0, t));
        }
        return out;
    }

    /** The name as users type it, e.g. {@code min-max}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The scaling of that name, ignoring case; {@code -} and {@code _} are interchangeable.
     *
     * @throws NeuroLensException listing the valid names if there is none of that name
     */
    public static Scaling parse(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Scaling s : values()) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        throw new NeuroLensException("unknown scaling '" + name + "'; valid scalings: "
                + Arrays.stream(values()).map(Scaling::displayName).collect(Collectors.joining(", ")));
    }
}
