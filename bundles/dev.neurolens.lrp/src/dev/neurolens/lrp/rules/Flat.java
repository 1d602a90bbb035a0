package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;

/**
 * LRP-flat (Lapuschkin et al. 2019, "Unmasking Clever Hans predictors", Methods): relevance
 * spread evenly over each output's receptive field, as if inputs and weights were all ones; the
 * bias is ignored (Zennit's {@code Flat}):
 * <pre>R_j = Σ_k 1 / stab(Σ_j' 1) · R_k = Lᵀ(R / stab(L(1, 1, 0)), 1)</pre>
 * (For a convolution, zero-padded positions do not count in {@code Σ_j' 1}.)
 *
 * @param stabilizer the ε of {@code stab}
 */
public record Flat(double stabilizer) implements LrpRule {

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        String ones = layer.weightConstant(1f);
        String z = layer.forward(layer.inputConstant(new float[] {1f}), ones, null);
        return layer.backward(Ops.divide(e, r, z, stabilizer), ones);
    }
}
