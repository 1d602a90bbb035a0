package dev.neurolens.lrp.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.compile.LayoutBarrier;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.lrp.rules.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A residual sum of activations as an explicit relevance-splitting node (Zennit's canonized
 * {@code Sum} with the {@code Norm} rule): {@code y = Σ_i σ_i a_i} ({@code σ = −1} for the
 * subtrahend of Sub) passes {@code R_i = σ_i a_i ⊙ R / stab(y)} to each activation operand;
 * constant operands (biases) keep their share. Operands must have the output's shape.
 *
 * @param stabilizer the ε of {@code stab}
 */
record SumSplit(double stabilizer) implements BackwardRule {

    @Override
    public List<String> backward(NodeProto node, List<String> g, Emitter e) {
        long[] out = e.shape(node.getOutput(0));
        // the quotient is computed plain (ONNX Runtime has no blocked Div); converted once, the
        // shares a_i ⊙ s and their sums with the other paths stay in the convolutions' layout
        String s = LayoutBarrier.on(Ops.divide(e, g.get(0), node.getOutput(0), stabilizer), out, e);
        List<String> r = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
        for (int i = 0; i < node.getInputCount(); i++) {
            String in = node.getInput(i);
            if (!e.needsGradient(in)) {
                continue;
            }
            if (!Arrays.equals(e.shape(in), out)) {
                throw new NeuroLensException(node.getOpType() + " node '" + node.getName() + "' broadcasts '" + in
                        + "' " + Arrays.toString(e.shape(in)) + " to " + Arrays.toString(out)
                        + "; LRP splits only sums of equally shaped activations");
            }
            String share = e.node("Mul", List.of(in, s), Map.of());
            r.set(i, node.getOpType().equals("Sub") && i == 1 ? e.node("Neg", List.of(share), Map.of()) : share);
        }
        return r;
    }
}
