package dev.neurolens.lrp.internal;

import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.lrp.rules.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The z-rule for average pooling (Zennit's {@code Norm}): each output's relevance is split over
 * its window in proportion to the inputs, {@code R_j = x_j Σ_k (∂y_k/∂x_j) R_k / stab(y_k)} —
 * {@code x ⊙ VJP(R / stab(y))} with the op's standard VJP.
 *
 * @param vjp the op's standard backward rule
 * @param stabilizer the ε of {@code stab}
 */
record Proportional(BackwardRule vjp, double stabilizer) implements BackwardRule {

    @Override
    public List<String> backward(NodeProto node, List<String> g, Emitter e) {
        String s = Ops.divide(e, g.get(0), node.getOutput(0), stabilizer);
        List<String> out = new ArrayList<>(vjp.backward(node, List.of(s), e));
        out.set(0, e.node("Mul", List.of(node.getInput(0), out.get(0)), Map.of()));
        return out;
    }
}
