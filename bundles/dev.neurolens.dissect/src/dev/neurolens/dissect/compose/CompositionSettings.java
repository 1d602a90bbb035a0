package dev.neurolens.dissect.compose;

/**
 * The beam search of compositional explanations (Mu and Andreas 2020; defaults of their code,
 * {@code settings.py}: {@code MAX_FORMULA_LENGTH = 3}, {@code BEAM_SIZE = 5},
 * {@code FORMULA_COMPLEXITY_PENALTY = 1.00}).
 *
 * @param maxLength the most concepts in a formula, at least 1
 * @param beam the formulas kept per step, at least 1
 * @param complexityPenalty a formula of length {@code n} scores {@code penalty^(n-1) · IoU}
 *     (1 = no penalty), in (0, 1]
 */
public record CompositionSettings(int maxLength, int beam, double complexityPenalty) {

    /** The defaults of the original code. */
    public static final CompositionSettings DEFAULTS = new CompositionSettings(3, 5, 1.0);

    /** Compact constructor: checks ranges. */
    public CompositionSettings {
        if (maxLength < 1) {
            throw new IllegalArgumentException("the maximum formula length must be at least 1, not " + maxLength);
        }
        if (beam < 1) {
            throw new IllegalArgumentException("the beam size must be at least 1, not " + beam);
        }
        if (!(complexityPenalty > 0 && complexityPenalty <= 1)) {
            throw new IllegalArgumentException("the complexity penalty must be in (0, 1], not " + complexityPenalty);
        }
    }
}
