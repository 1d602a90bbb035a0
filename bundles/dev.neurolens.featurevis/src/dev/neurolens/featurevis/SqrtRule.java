package dev.neurolens.featurevis;

import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Map;

/** The backward rule of {@code y = Sqrt(x)}: {@code dx = g / (2y)} (used by the diversity head only). */
record SqrtRule() implements BackwardRule {
    @Override
    public List<String> backward(NodeProto node, List<String> g, Emitter e) {
        String twice = e.node("Mul", List.of(node.getOutput(0), e.scalar(2f)), Map.of());
        return List.of(e.node("Div", List.of(g.get(0), twice), Map.of()));
    }
}
