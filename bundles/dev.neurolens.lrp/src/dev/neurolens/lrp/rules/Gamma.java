package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;
import java.util.List;
import java.util.Map;

/**
 * LRP-γ (Montavon et al. 2019, eq. 4.3), generalized to signed inputs and outputs as Zennit's
 * {@code Gamma} (Andéol et al. 2021): positive contributions amplified by γ for units whose output
 * is positive, negative ones for units whose output is negative. With {@code W↑ = W + γW⁺},
 * {@code W↓ = W + γW⁻}, {@code b↑ = b + γb⁺}, {@code b↓ = b + γb⁻} and {@code z} the layer's output:
 * <pre>z↑ = L(x⁺, W↑, b↑) + L(x⁻, W↓),   z↓ = L(x⁺, W↓, b↓) + L(x⁻, W↑)
 * s↑ = [z &gt; 0] R / stab(z↑),   s↓ = [z &lt; 0] R / stab(z↓)
 * R_in = x⁺ ⊙ (Lᵀ(s↑, W↑) + Lᵀ(s↓, W↓)) + x⁻ ⊙ (Lᵀ(s↑, W↓) + Lᵀ(s↓, W↑))</pre>
 * For non-negative inputs and positive outputs this is the original
 * {@code R_j = Σ_k x_j (w_jk + γw⁺_jk) / Σ_j x_j (w_jk + γw⁺_jk) · R_k}.
 *
 * @param gamma γ ≥ 0
 * @param stabilizer the ε of {@code stab}
 */
public record Gamma(double gamma, double stabilizer) implements LrpRule {

    /** Compact constructor: checks γ. */
    public Gamma {
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("gamma must be >= 0, got " + gamma);
        }
    }

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        Signed t = Signed.of(layer, e);
        String w = layer.weight();
        String up = Ops.addScaled(e, w, Ops.pos(e, w), gamma);
        String down = Ops.addScaled(e, w, Ops.neg(e, w), gamma);
        String bUp = layer.bias().map(b -> Ops.addScaled(e, b, Ops.pos(e, b), gamma)).orElse(null);
        String bDown = layer.bias().map(b -> Ops.addScaled(e, b, Ops.neg(e, b), gamma)).orElse(null);
        String z = layer.output();
        String positive = masked(e, r, e.node("Greater", List.of(z, e.scalar(0f)), Map.of()));
        String negative = masked(e, r, e.node("Less", List.of(z, e.scalar(0f)), Map.of()));
        String sUp = Ops.divide(e, positive, t.forward(up, down, bUp), stabilizer);
        String sDown = Ops.divide(e, negative, t.forward(down, up, bDown), stabilizer);
        return Ops.add(e, t.backward(sUp, up, down), t.backward(sDown, down, up));
    }

    private static String masked(Emitter e, String r, String mask) {
        return e.node("Where", List.of(mask, r, e.scalar(0f)), Map.of());
    }
}
