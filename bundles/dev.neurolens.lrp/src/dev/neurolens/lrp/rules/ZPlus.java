package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;

/**
 * LRP-z⁺ (Montavon et al. 2017, deep Taylor decomposition, eq. 9; Bach et al. 2015, α1β0): only
 * positive contributions, generalized to negative inputs as in Zennit's {@code ZPlus}:
 * <pre>R_j = Σ_k (x⁺_j w⁺_jk + x⁻_j w⁻_jk) / stab(z⁺_k) · R_k,
 * z⁺_k = Σ_j (x⁺_j w⁺_jk + x⁻_j w⁻_jk) + b⁺_k</pre>
 * The positive part of the bias is kept in the denominator (Zennit). On non-negative inputs (after
 * a ReLU) the {@code x⁻} terms vanish and are not emitted: one modified forward and one
 * transposed layer.
 *
 * @param stabilizer the ε of {@code stab}
 */
public record ZPlus(double stabilizer) implements LrpRule {

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        Signed t = Signed.of(layer, e);
        return t.part(r, t.wPos(), t.wNeg(), t.bPos(), stabilizer, 1);
    }
}
