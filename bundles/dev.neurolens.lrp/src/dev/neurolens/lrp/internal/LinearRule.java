package dev.neurolens.lrp.internal;

import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.lrp.LrpRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The backward rule of one linear node (Conv, Gemm, MatMul): hands the relevance of its output to
 * an {@link LrpRule}, with what the canonizer found out about the node.
 *
 * @param rule the LRP rule
 * @param ruleName the rule's name (for reports)
 * @param fold the BatchNormalization merged into the node, or null
 * @param nonNegativeInput whether the node's input is known to be ≥ 0
 * @param bounds the box bounds of the node's input (first layers), or null
 */
record LinearRule(LrpRule rule, String ruleName, BatchNormFold fold, boolean nonNegativeInput, Bounds bounds)
        implements BackwardRule {

    @Override
    public List<String> backward(NodeProto node, List<String> g, Emitter e) {
        LinearNode layer = new LinearNode(node, this, e);
        List<String> out = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
        out.set(0, rule.relevance(layer, g.get(0), e));
        return out;
    }
}
