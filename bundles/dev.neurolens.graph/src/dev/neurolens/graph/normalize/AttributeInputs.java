package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The upgrades where an attribute became an input: the values move into new constants that the
 * node reads. Each method cites the operator version that made the change (ONNX
 * {@code docs/Changelog.md}); the meaning of the values did not change.
 */
final class AttributeInputs {
    private AttributeInputs() {
    }

    /**
     * Slice-10: {@code starts}, {@code ends} and {@code axes} became inputs 1 to 3 (and
     * {@code steps}, input 4, was added with default 1).
     */
    static List<NodeProto> slice(NodeProto node, UpgradeContext c) {
        long[] starts = Attrs.ints(node, "starts").orElseThrow(() -> c.refuse(node, "it has no 'starts'"));
        long[] ends = Attrs.ints(node, "ends").orElseThrow(() -> c.refuse(node, "it has no 'ends'"));
        Optional<long[]> axes = Attrs.ints(node, "axes");
        NodeProto.Builder b = Attrs.without(node, Set.of("starts", "ends", "axes")).clearInput()
                .addInput(node.getInput(0)).addInput(vector(node, "starts", starts, c))
                .addInput(vector(node, "ends", ends, c));
        axes.ifPresent(a -> b.addInput(vector(node, "axes", a, c)));
        c.note(node.getOpType() + " '" + node.getName() + "': starts/ends/axes attributes -> inputs (Slice-10)");
        return List.of(b.build());
    }

    /** TopK-10: {@code k} became input 1, a 1-D tensor of one value. */
    static List<NodeProto> topK(NodeProto node, UpgradeContext c) {
        long k = Attrs.find(node, "k").orElseThrow(() -> c.refuse(node, "it has no 'k'")).getI();
        NodeProto b = Attrs.without(node, Set.of("k")).clearInput().addInput(node.getInput(0))
                .addInput(vector(node, "k", new long[] {k}, c)).build();
        c.note("TopK '" + node.getName() + "': k attribute -> input (TopK-10)");
        return List.of(b);
    }

    /**
     * Pad-11: {@code pads} became input 1 and {@code value} input 2 ({@code constant_value}, a
     * scalar of the data's type, default 0); {@code mode} stays an attribute.
     */
    static List<NodeProto> pad(NodeProto node, UpgradeContext c) {
        long[] pads = Attrs.ints(node, "pads").or(() -> Attrs.ints(node, "paddings"))
                .orElseThrow(() -> c.refuse(node, "it has no 'pads'"));
        float value = Attrs.real(node, "value", 0f);
        String mode = Attrs.text(node, "mode", "constant");
        NodeProto.Builder b = Attrs.without(node, Set.of("pads", "paddings", "value")).clearInput()
                .addInput(node.getInput(0)).addInput(vector(node, "pads", pads, c));
        if (mode.equals("constant") && value != 0f) {
            requireFloat(node, c, "a non-zero pad value");
            b.addInput(c.graph().addConstant(node.getName() + "/constant_value", Tensors.floatScalar("", value)));
        }
        c.note("Pad '" + node.getName() + "': pads/value attributes -> inputs (Pad-11)");
        return List.of(b.build());
    }

    /** Clip-11: {@code min} and {@code max} became the optional inputs 1 and 2 (scalars of the input's type). */
    static List<NodeProto> clip(NodeProto node, UpgradeContext c) {
        Optional<Float> min = Attrs.find(node, "min").map(a -> a.getF());
        Optional<Float> max = Attrs.find(node, "max").map(a -> a.getF());
        NodeProto.Builder b = Attrs.without(node, Set.of("min", "max")).clearInput().addInput(node.getInput(0));
        if (min.isPresent() || max.isPresent()) {
            requireFloat(node, c, "bounds");
            b.addInput(min.map(v -> c.graph().addConstant(node.getName() + "/min", Tensors.floatScalar("", v)))
                    .orElse(""));
            max.ifPresent(v -> b.addInput(c.graph().addConstant(node.getName() + "/max", Tensors.floatScalar("", v))));
        }
        c.note("Clip '" + node.getName() + "': min/max attributes -> inputs (Clip-11)");
        return List.of(b.build());
    }

    /**
     * Squeeze-13, Unsqueeze-13, ReduceSum-13: {@code axes} became input 1; Split-13: {@code split}
     * became input 1. Absent attributes stay absent (all size-1 axes, all axes, equal parts).
     */
    static List<NodeProto> axes(NodeProto node, UpgradeContext c) {
        String attribute = node.getOpType().equals("Split") ? "split" : "axes";
        Optional<long[]> values = Attrs.ints(node, attribute);
        if (values.isEmpty()) {
            if (node.getOpType().equals("Unsqueeze")) {
                throw c.refuse(node, "it has no 'axes'");
            }
            return List.of(node);
        }
        NodeProto b = Attrs.without(node, Set.of(attribute)).clearInput().addInput(node.getInput(0))
                .addInput(vector(node, attribute, values.get(), c)).build();
        c.note(node.getOpType() + " '" + node.getName() + "': " + attribute + " attribute -> input ("
                + node.getOpType() + "-13)");
        return List.of(b);
    }

    private static String vector(NodeProto node, String what, long[] values, UpgradeContext c) {
        return c.graph().addConstant(node.getName() + "/" + what, Tensors.int64Vector("", values));
    }

    /** Scalars that become inputs must have the data's type: NeuroLens writes float32 ones. */
    private static void requireFloat(NodeProto node, UpgradeContext c, String what) {
        Optional<Integer> type = c.elementType(node.getInput(0));
        if (type.isPresent() && type.get() != TensorProto.DataType.FLOAT_VALUE) {
            throw c.refuse(node, what + " on " + TensorProto.DataType.forNumber(type.get())
                    + " data (NeuroLens writes float32 constants)");
        }
    }
}
