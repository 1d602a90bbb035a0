package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;

/**
 * LRP-αβ (Bach et al. 2015, eq. 60; Montavon et al. 2019, sec. 10.2.3), with {@code α − β = 1}
 * (presets α1β0 = z⁺ and α2β1), as Zennit's {@code AlphaBeta}:
 * <pre>R_j = Σ_k ( α (x⁺_j w⁺_jk + x⁻_j w⁻_jk) / stab(z⁺_k) − β (x⁺_j w⁻_jk + x⁻_j w⁺_jk) / stab(z⁻_k) ) R_k
 * z⁺_k = Σ_j (x⁺_j w⁺_jk + x⁻_j w⁻_jk) + b⁺_k,   z⁻_k = Σ_j (x⁺_j w⁻_jk + x⁻_j w⁺_jk) + b⁻_k</pre>
 * The positive bias part joins the positive contributions, the negative part the negative ones.
 * A unit without negative contributions ({@code z⁻ = 0}) passes only {@code α R}, so αβ with
 * β &gt; 0 does not conserve relevance exactly (as in Zennit).
 *
 * @param alpha α ≥ 1
 * @param beta β = α − 1
 * @param stabilizer the ε of {@code stab}
 */
public record AlphaBeta(double alpha, double beta, double stabilizer) implements LrpRule {

    /** Compact constructor: checks α − β = 1 and β ≥ 0. */
    public AlphaBeta {
        if (!(beta >= 0) || Math.abs(alpha - beta - 1) > 1e-12) {
            throw new IllegalArgumentException("alpha-beta needs alpha - beta = 1 and beta >= 0, got alpha " + alpha
                    + ", beta " + beta);
        }
    }

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        Signed t = Signed.of(layer, e);
        String wPos = t.wPos();
        String wNeg = t.wNeg();
        String positive = t.part(r, wPos, wNeg, t.bPos(), stabilizer, 1);
        if (beta == 0) {
            return alpha == 1 ? positive : Ops.scale(e, positive, alpha);
        }
        String negative = t.part(r, wNeg, wPos, t.bNeg(), stabilizer, -1);
        return Ops.sub(e, Ops.scale(e, positive, alpha), Ops.scale(e, negative, beta));
    }
}
