package dev.neurolens.lrp.rules;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.lrp.LinearLayer;
import dev.neurolens.lrp.LrpRule;

/**
 * LRP-z^B, the box rule for bounded inputs {@code l ≤ x ≤ h} (Montavon et al. 2017, deep Taylor
 * decomposition, eq. 14), for first layers, as Zennit's {@code ZBox}:
 * <pre>R_j = Σ_k (x_j w_jk − l_j w⁺_jk − h_j w⁻_jk) / stab(z_k) · R_k,
 * z_k = L(x, W, b)_k − L(l, W⁺, b⁺)_k − L(h, W⁻, b⁻)_k</pre>
 * (the bias cancels: {@code b − b⁺ − b⁻ = 0}). The bounds come per channel from the layer
 * ({@link LinearLayer#bounds()}): the {@code low}/{@code high} parameters in model-input space,
 * pushed through the normalization nodes of the graph.
 *
 * @param stabilizer the ε of {@code stab}
 */
public record ZBox(double stabilizer) implements LrpRule {

    @Override
    public String relevance(LinearLayer layer, String r, Emitter e) {
        float[][] bounds = layer.bounds().orElseThrow(() -> new NeuroLensException("the zbox rule needs input "
                + "bounds, but node '" + layer.node() + "' is not a first layer (the model input reaches it through "
                + "other layers); use zbox on first layers only"));
        String low = layer.inputConstant(bounds[0]);
        String high = layer.inputConstant(bounds[1]);
        String w = layer.weight();
        String wPos = Ops.pos(e, w);
        String wNeg = Ops.neg(e, w);
        String bPos = layer.bias().map(b -> Ops.pos(e, b)).orElse(null);
        String bNeg = layer.bias().map(b -> Ops.neg(e, b)).orElse(null);
        String z = Ops.sub(e, Ops.sub(e, layer.output(), layer.forward(low, wPos, bPos)),
                layer.forward(high, wNeg, bNeg));
        String s = Ops.divide(e, r, z, stabilizer);
        String fromX = Ops.mul(e, layer.input(), layer.backward(s, w));
        String fromLow = Ops.mul(e, low, layer.backward(s, wPos));
        String fromHigh = Ops.mul(e, high, layer.backward(s, wNeg));
        return Ops.sub(e, Ops.sub(e, fromX, fromLow), fromHigh);
    }
}
