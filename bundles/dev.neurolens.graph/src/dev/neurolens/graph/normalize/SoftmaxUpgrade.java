package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Set;

/**
 * Softmax-13, LogSoftmax-13 and Hardmax-13 normalize along one axis (default -1); versions 1 and
 * 11 coerced the input to 2-D, {@code [d0*...*d(axis-1), d(axis)*...*dn]}, and normalized the
 * rows (default axis 1). The two agree when {@code axis} is the last axis; otherwise the old
 * meaning is spelled out as {@code Flatten(axis) -> Softmax(axis=1) -> Reshape(Shape(x))}, as the
 * ONNX version converter does (adapter {@code softmax_12_13.h}).
 */
final class SoftmaxUpgrade {
    private SoftmaxUpgrade() {
    }

    static List<NodeProto> apply(NodeProto node, UpgradeContext c) {
        long axis = Attrs.integer(node, "axis", 1);
        String x = node.getInput(0);
        Integer rank = c.ranks().get(x);
        boolean lastAxis = axis == -1 || rank != null && (axis < 0 ? axis + rank : axis) == rank - 1;
        if (lastAxis) {
            NodeProto same = Attrs.without(node, Set.of("axis")).addAttribute(Attrs.integer("axis", axis)).build();
            c.note(node.getOpType() + " '" + node.getName() + "': axis " + axis
                    + " is the last axis, so opset-13 semantics are the same (axis made explicit)");
            return List.of(same);
        }
        GraphEdit g = c.graph();
        String base = node.getName();
        String shape = g.fresh(base + "/input_shape");
        String flat = g.fresh(base + "/flattened");
        String normalized = g.fresh(base + "/normalized");
        NodeProto shapeOf = NodeProto.newBuilder().setOpType("Shape").setName(g.fresh(base + "/shape"))
                .addInput(x).addOutput(shape).build();
        NodeProto flatten = NodeProto.newBuilder().setOpType("Flatten").setName(g.fresh(base + "/flatten"))
                .addInput(x).addOutput(flat).addAttribute(Attrs.integer("axis", axis)).build();
        NodeProto rows = Attrs.without(node, Set.of("axis")).clearInput().addInput(flat).clearOutput()
                .addOutput(normalized).addAttribute(Attrs.integer("axis", 1)).build();
        NodeProto back = NodeProto.newBuilder().setOpType("Reshape").setName(g.fresh(base + "/reshape"))
                .addInput(normalized).addInput(shape).addOutput(node.getOutput(0)).build();
        c.note(node.getOpType() + " '" + node.getName() + "': axis " + axis + " of a "
                + (rank == null ? "input of unknown rank" : "rank-" + rank + " input")
                + " normalized over all trailing axes before opset 13 -> Flatten -> " + node.getOpType()
                + "(axis=1) -> Reshape");
        return List.of(shapeOf, flatten, rows, back);
    }
}
