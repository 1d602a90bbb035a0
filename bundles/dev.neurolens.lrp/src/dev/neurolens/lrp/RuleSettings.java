package dev.neurolens.lrp;

/**
 * The numbers the LRP parameters give to rules.
 *
 * @param epsilon the ε of the ε rule (Zennit's default 1e-6)
 * @param gamma the γ of the γ rule (Zennit's default 0.25)
 * @param alpha the α of the {@code alpha-beta} rule, with {@code β = α − 1}
 * @param stabilizer the ε of {@code stab(z)} in every other rule and in the z-rule of pooling and
 *     sums (Zennit's {@code stabilizer}, default 1e-6)
 */
public record RuleSettings(double epsilon, double gamma, double alpha, double stabilizer) {
    /** Zennit's defaults: ε = 1e-6, γ = 0.25, α = 2, stabilizer 1e-6. */
    public static final RuleSettings DEFAULTS = new RuleSettings(1e-6, 0.25, 2, 1e-6);
}
