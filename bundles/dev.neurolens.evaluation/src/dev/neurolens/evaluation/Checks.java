package dev.neurolens.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which checks a method passes, with the thresholds of issue 5 (fixed before the reference models
 * were trained):
 * <ul>
 * <li>{@code localization}: pointing game ≥ 0.90 and at least 0.30 above the centre baseline;</li>
 * <li>{@code randomization}: after the cascading randomization of all layers the maps' Spearman
 *     correlation with the original maps is below 0.3 — a method that fails this barely depends on
 *     the model's weights (flagged, after Adebayo et al. 2018);</li>
 * <li>{@code faithfulness}: the insertion AUC exceeds the deletion AUC (the pixels the map ranks
 *     first carry the model's evidence);</li>
 * <li>{@code completeness} (methods with a completeness delta): mean |δ| / |f(x) − f(x′)| ≤ 0.05.</li>
 * </ul>
 * A check is left out where its inputs were not computed. The pointing game and its baseline are
 * fractions k/n of the images, and their difference is rounded in binary (7/10 − 4/10 comes out as
 * 0.29999999999999993), so the localization check compares with a slack of {@link #SLACK}: far
 * below one image in 10^5, so it only restores the exact boundaries.
 */
public final class Checks {
    /** Minimum pointing game accuracy. */
    public static final double POINTING_GAME = 0.90;
    /** Minimum margin over the centre baseline. */
    public static final double OVER_CENTRE = 0.30;
    /** Maximum Spearman correlation after randomizing every layer. */
    public static final double RANDOMIZED_SPEARMAN = 0.3;
    /** Maximum relative completeness error. */
    public static final double COMPLETENESS = 0.05;
    /** The rounding slack of the localization check's comparisons. */
    static final double SLACK = 1e-9;

    private Checks() {
    }

    /** The checks of {@code r} (its {@code passes} are ignored). */
    public static Map<String, Boolean> of(MethodReport r, double centreBaseline) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (r.error().isPresent()) {
            return out;
        }
        out.put("localization", r.pointingGame() >= POINTING_GAME - SLACK
                && r.pointingGame() - centreBaseline >= OVER_CENTRE - SLACK);
        r.fullyRandomized().ifPresent(s -> out.put("randomization", s.spearman() < RANDOMIZED_SPEARMAN));
        out.put("faithfulness", r.insertionAuc() > r.deletionAuc());
        r.relativeCompleteness().ifPresent(c -> out.put("completeness", c <= COMPLETENESS));
        return out;
    }
}
