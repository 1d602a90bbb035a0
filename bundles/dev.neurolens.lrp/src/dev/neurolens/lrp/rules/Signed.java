package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A layer's input and parameters split by sign, for the rules that treat positive and negative
 * contributions apart (z⁺, αβ, γ): {@code x⁺, x⁻, W⁺, W⁻, b⁺, b⁻}. When the input is known to be
 * non-negative, {@code x⁻} is absent and its terms are not emitted.
 */
final class Signed {
    private final LinearLayer layer;
    private final Emitter e;
    private final String xPos;
    private final String xNeg;

    private Signed(LinearLayer layer, Emitter e, String xPos, String xNeg) {
        this.layer = layer;
        this.e = e;
        this.xPos = xPos;
        this.xNeg = xNeg;
    }

    static Signed of(LinearLayer layer, Emitter e) {
        String x = layer.input();
        return layer.nonNegativeInput() ? new Signed(layer, e, x, null)
                : new Signed(layer, e, Ops.pos(e, x), Ops.neg(e, x));
    }

    String wPos() {
        return Ops.pos(e, layer.weight());
    }

    String wNeg() {
        return Ops.neg(e, layer.weight());
    }

    /** {@code b⁺}, or null without bias. */
    String bPos() {
        return layer.bias().map(b -> Ops.pos(e, b)).orElse(null);
    }

    /** {@code b⁻}, or null without bias. */
    String bNeg() {
        return layer.bias().map(b -> Ops.neg(e, b)).orElse(null);
    }

    /** {@code z = L(x⁺, forPos, bias) + L(x⁻, forNeg, 0)}. */
    String forward(String forPos, String forNeg, String bias) {
        String z = layer.forward(xPos, forPos, bias);
        return xNeg == null ? z : Ops.add(e, z, layer.forward(xNeg, forNeg, null));
    }

    /** {@code x⁺ ⊙ Lᵀ(s, forPos) + x⁻ ⊙ Lᵀ(s, forNeg)}. */
    String backward(String s, String forPos, String forNeg) {
        List<String> terms = new ArrayList<>();
        terms.add(Ops.mul(e, xPos, layer.backward(s, forPos)));
        if (xNeg != null) {
            terms.add(Ops.mul(e, xNeg, layer.backward(s, forNeg)));
        }
        return Ops.sum(e, terms);
    }

    /**
     * One part of the αβ family: {@code z = L(x⁺, forPos, bias) + L(x⁻, forNeg, 0)},
     * {@code s = R / stab(z)}, {@code x⁺ ⊙ Lᵀ(s, forPos) + x⁻ ⊙ Lᵀ(s, forNeg)}.
     *
     * <p>The sign of {@code z} is known (z⁺ ≥ 0, z⁻ ≤ 0), so {@code stab(z) = z ± ε} and the ε joins
     * the constant bias: no extra node. Where {@code z⁻ = 0} this divides by −ε rather than +ε
     * (Zennit's {@code sign(0) = +1}), which changes nothing: that unit's contributions are all 0.
     *
     * @param sign the sign of every contribution (+1 for the positive part, −1 for the negative)
     */
    String part(String r, String forPos, String forNeg, String bias, double stabilizer, int sign) {
        if (stabilizer == 0) {
            return backward(Ops.divide(e, r, forward(forPos, forNeg, bias), 0), forPos, forNeg);
        }
        // stab(z) = z ± ε, the sign being known: ε joins the (constant) bias, so the layer computes it
        float shift = (float) (sign * stabilizer);
        String stabilized = bias == null ? layer.biasConstant(shift) : Ops.add(e, bias, e.scalar(shift));
        String s = e.node("Div", List.of(r, forward(forPos, forNeg, stabilized)), Map.of());
        return backward(s, forPos, forNeg);
    }
}
