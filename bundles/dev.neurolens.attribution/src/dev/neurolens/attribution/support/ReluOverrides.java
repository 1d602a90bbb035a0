package dev.neurolens.attribution.support;

import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.ElementwiseRules;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The backward rules that make Guided Backprop and DeconvNet, for every ReLU-like op
 * ({@link ReluLikeOps}). Both follow Captum's module hooks:
 * <ul>
 * <li>Guided Backprop (Springenberg et al. 2015): {@code relu(standard(g))}, i.e. for a ReLU
 *     {@code g · [x > 0] · [g > 0]} — only positive gradients pass, and only where the unit was
 *     active (for LeakyRelu the negative side passes {@code α · relu(g)}; for ReLU6 only
 *     {@code 0 < x < 6});</li>
 * <li>DeconvNet (Zeiler &amp; Fergus 2014): {@code relu(g)}, ignoring the forward activation.</li>
 * </ul>
 * A node that is not ReLU-like (a Clip whose minimum is not 0) keeps its standard rule.
 */
public final class ReluOverrides {
    private ReluOverrides() {
    }

    /** Guided Backprop's rules by op type, for {@link dev.neurolens.graph.compile.ExplanationPlan#withOpOverrides}. */
    public static Map<String, BackwardRule> guided() {
        return Map.of("Relu", new Guided(new ElementwiseRules.Relu()),
                "LeakyRelu", new Guided(new ElementwiseRules.LeakyRelu()),
                "Clip", new Guided(new ElementwiseRules.Clip()));
    }

    /** DeconvNet's rules by op type. */
    public static Map<String, BackwardRule> deconvnet() {
        return Map.of("Relu", new Deconv(new ElementwiseRules.Relu()),
                "LeakyRelu", new Deconv(new ElementwiseRules.LeakyRelu()),
                "Clip", new Deconv(new ElementwiseRules.Clip()));
    }

    /**
     * Guided Backprop: the standard gradient of the node, then a ReLU on it.
     *
     * @param standard the node's standard rule
     */
    public record Guided(BackwardRule standard) implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            List<String> in = standard.backward(node, g, e);
            if (!ReluLikeOps.isReluLike(node, e::constant) || in.isEmpty() || in.get(0) == null) {
                return in;
            }
            List<String> out = new ArrayList<>(in);
            out.set(0, e.node("Relu", List.of(in.get(0)), Map.of()));
            return out;
        }
    }

    /**
     * DeconvNet: a ReLU on the incoming gradient; the forward activation plays no part.
     *
     * @param standard the rule for nodes that are not ReLU-like
     */
    public record Deconv(BackwardRule standard) implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            if (!ReluLikeOps.isReluLike(node, e::constant) || g.get(0) == null) {
                return standard.backward(node, g, e);
            }
            List<String> out = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
            out.set(0, e.node("Relu", List.of(g.get(0)), Map.of()));
            return out;
        }
    }
}
