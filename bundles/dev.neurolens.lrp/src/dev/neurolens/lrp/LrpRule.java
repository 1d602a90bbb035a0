package dev.neurolens.lrp;

import dev.neurolens.graph.compile.Emitter;

/**
 * An LRP rule for linear layers (convolutions and dense layers): how the relevance {@code R} of
 * a layer's output is redistributed onto its input, emitted as ONNX nodes. Rules are small
 * immutable values with {@code equals} (records), so that explanation plans built from them are
 * cached by value.
 *
 * <p>Most rules follow one pattern (Zennit's {@code BasicHook}): modified forward passes
 * {@code z = L(x', W', b')}, {@code s = R / stabilize(z)}, {@code c = Lᵀ(s, W')},
 * {@code R_in = x' ⊙ c}, summed over the modified terms.
 */
public interface LrpRule {

    /**
     * Emits the relevance of the layer's input.
     *
     * @param layer the layer, with its effective weights and emission helpers
     * @param relevance the relevance of the layer's output (a tensor of the output's shape)
     * @param emitter adds further nodes and constants
     * @return the name of the input relevance tensor (of the input's shape)
     * @throws dev.neurolens.core.NeuroLensException naming the node when the rule cannot apply
     *     (e.g. z^B on a layer without input bounds)
     */
    String relevance(LinearLayer layer, String relevance, Emitter emitter);
}
