package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;

/**
 * LRP-w² (Montavon et al. 2017, deep Taylor decomposition for unbounded inputs, eq. 12):
 * relevance in proportion to squared weights, independent of the input:
 * <pre>R_j = Σ_k w_jk² / stab(Σ_j' w_j'k² + b_k²) · R_k = Lᵀ(R / stab(L(1, W², b²)), W²)</pre>
 * As in Zennit's {@code WSquare} the bias is squared along with the weights and stays in the
 * denominator (so with a bias w² does not conserve relevance).
 *
 * @param stabilizer the ε of {@code stab}
 */
public record WSquare(double stabilizer) implements LrpRule {

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        String w2 = Ops.mul(e, layer.weight(), layer.weight());
        String b2 = layer.bias().map(b -> Ops.mul(e, b, b)).orElse(null);
        String z = layer.forward(layer.inputConstant(new float[] {1f}), w2, b2);
        return layer.backward(Ops.divide(e, r, z, stabilizer), w2);
    }
}
