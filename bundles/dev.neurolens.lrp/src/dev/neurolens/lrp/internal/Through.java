package dev.neurolens.lrp.internal;

import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Relevance passed through unchanged to one operand (Zennit's {@code Pass}): element-wise
 * activations, Identity/Dropout/Cast, a merged BatchNormalization, and affine ops with a constant
 * operand (normalization such as {@code (x − mean) / std}, which keep the relevance of their
 * activation operand).
 *
 * @param operand the index of the input that receives the relevance
 */
record Through(int operand) implements BackwardRule {

    @Override
    public List<String> backward(NodeProto node, List<String> g, Emitter e) {
        List<String> out = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
        out.set(operand, g.get(0));
        return out;
    }
}
