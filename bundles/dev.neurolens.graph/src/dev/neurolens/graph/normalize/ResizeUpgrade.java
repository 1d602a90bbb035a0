package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Optional;

/**
 * Upsample (7: {@code scales} attribute; 9 and 10: {@code scales} input; deprecated at 10) and
 * Resize-10 become Resize-13 with the same arithmetic. Before Resize-11 there was one coordinate
 * transformation, {@code asymmetric} ({@code x_original = x_resized / scale}), and nearest
 * rounding truncated when upsampling and rounded up when downsampling (ONNX Runtime's
 * {@code UpsampleBase} keeps that behaviour for opset 10 and older); Resize-11 made
 * {@code half_pixel} and {@code round_prefer_floor} the defaults. So the new node states
 * {@code coordinate_transformation_mode="asymmetric"} and, for nearest, {@code nearest_mode}
 * {@code "floor"} (Upsample requires scales of at least 1) or {@code "ceil"} (a downsampling
 * Resize-10). Inputs: {@code X, roi = "" (optional since 13), scales}.
 */
final class ResizeUpgrade {
    private ResizeUpgrade() {
    }

    static List<NodeProto> apply(NodeProto node, UpgradeContext c) {
        String mode = Attrs.text(node, "mode", "nearest");
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw c.refuse(node, "mode '" + mode + "' (only nearest and linear are defined before Resize-11)");
        }
        String scales;
        if (node.getInputCount() >= 2 && !node.getInput(1).isEmpty()) {
            scales = node.getInput(1);
        } else {
            float[] values = Attrs.floats(node, "scales").orElseThrow(() -> c.refuse(node, "it has no scales"));
            scales = c.graph().addConstant(node.getName() + "/scales", Tensors.floats("", values, values.length));
        }
        NodeProto.Builder resize = NodeProto.newBuilder().setOpType("Resize").setName(node.getName())
                .setDomain(node.getDomain()).addInput(node.getInput(0)).addInput("").addInput(scales)
                .addAllOutput(node.getOutputList()).addAttribute(Attrs.text("mode", mode))
                .addAttribute(Attrs.text("coordinate_transformation_mode", "asymmetric"));
        String rounding = "";
        if (mode.equals("nearest")) {
            rounding = node.getOpType().equals("Upsample") ? "floor" : resize10Rounding(node, scales, c);
            resize.addAttribute(Attrs.text("nearest_mode", rounding));
        }
        c.note(node.getOpType() + " '" + node.getName() + "' (opset " + c.fromOpset() + ") -> Resize-13, mode "
                + mode + ", asymmetric coordinates" + (rounding.isEmpty() ? "" : ", nearest_mode " + rounding));
        return List.of(resize.build());
    }

    /** Resize-10's nearest rounding depends on the direction, so the scales must be known. */
    private static String resize10Rounding(NodeProto node, String scales, UpgradeContext c) {
        Optional<float[]> values = c.graph().constant(scales).flatMap(Tensors::floats);
        if (values.isEmpty()) {
            throw c.refuse(node, "its scales are computed at run time, and Resize-10 rounds nearest pixels"
                    + " differently when upsampling and downsampling");
        }
        boolean up = true;
        boolean down = true;
        for (float s : values.get()) {
            up &= s >= 1f;
            down &= s <= 1f;
        }
        if (!up && !down) {
            throw c.refuse(node, "it upsamples some axes and downsamples others, which Resize-10 rounds"
                    + " differently and Resize-13 cannot express");
        }
        return up ? "floor" : "ceil";
    }
}
