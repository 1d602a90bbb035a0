package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;

/**
 * LRP-ε (Bach et al. 2015, eq. 58; Montavon et al. 2019, eq. 4.2), LRP-0 with {@code ε = 0}:
 * <pre>R_j = Σ_k x_j w_jk / stab(z_k) · R_k,   z_k = Σ_j x_j w_jk + b_k</pre>
 * The bias stays in {@code z} and absorbs its share of relevance (Zennit's {@code Epsilon}). In
 * matrix form {@code R_in = x ⊙ Lᵀ(R / stab(z), W)}; {@code z} is the layer's own forward output,
 * so the rule costs one transposed layer.
 *
 * @param epsilon the stabilizer ε ≥ 0 ({@link Ops#divide}: with ε = 0, units with z = 0 give 0)
 */
public record Epsilon(double epsilon) implements LrpRule {

    /** Compact constructor: checks ε. */
    public Epsilon {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
    }

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        String s = Ops.divide(e, r, layer.output(), epsilon);
        return Ops.mul(e, layer.input(), layer.backward(s, layer.weight()));
    }
}
