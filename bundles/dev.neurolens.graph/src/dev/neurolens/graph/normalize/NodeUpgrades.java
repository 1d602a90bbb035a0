package dev.neurolens.graph.normalize;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Optional;

/**
 * Which nodes of an older opset need a rewrite to mean the same at the target opset, and the
 * rewrite for each op ({@link OpHistory} says which changes matter). A plain switch, not a map of
 * lambdas: models are opened often, and every lambda costs class spinning on first use.
 */
final class NodeUpgrades {
    private NodeUpgrades() {
    }

    /**
     * Whether {@code node} (default domain) must be rewritten to mean the same at {@code toOpset}.
     *
     * @throws NeuroLensException if it changed in a way NeuroLens does not rewrite
     */
    static boolean needsRewrite(NodeProto node, long fromOpset, long toOpset) {
        Optional<String> refusal = OpHistory.refusal(node.getOpType(), fromOpset, toOpset);
        if (refusal.isPresent()) {
            throw new NeuroLensException("cannot upgrade " + node.getOpType() + " node '" + node.getName()
                    + "' from opset " + fromOpset + " to " + toOpset + ": " + refusal.get());
        }
        return OpHistory.needsRewrite(node.getOpType(), fromOpset, toOpset);
    }

    /** The rewrite of {@code node}: the nodes that replace it, the last producing its outputs. */
    static List<NodeProto> upgrade(NodeProto node, UpgradeContext context) {
        return switch (node.getOpType()) {
            case "Upsample", "Resize" -> ResizeUpgrade.apply(node, context);
            case "Slice" -> AttributeInputs.slice(node, context);
            case "TopK" -> AttributeInputs.topK(node, context);
            case "Pad" -> AttributeInputs.pad(node, context);
            case "Clip" -> AttributeInputs.clip(node, context);
            case "Squeeze", "Unsqueeze", "ReduceSum", "Split" -> AttributeInputs.axes(node, context);
            case "Softmax", "LogSoftmax", "Hardmax" -> SoftmaxUpgrade.apply(node, context);
            case "BatchNormalization" -> TrainingOnlyParts.batchNormalization(node, context);
            case "Dropout" -> TrainingOnlyParts.dropout(node, context);
            case "Scatter" -> scatter(node, context);
            case "RoiAlign" -> roiAlign(node, context);
            default -> throw context.refuse(node, "NeuroLens has no rewrite for it");
        };
    }

    /**
     * Subgraphs (If, Loop, Scan bodies) share the model's opset but are not rewritten.
     *
     * @throws NeuroLensException naming the node inside a subgraph that would need a rewrite
     */
    static void checkSubgraphs(NodeProto node, long fromOpset, long toOpset) {
        for (AttributeProto a : node.getAttributeList()) {
            List<GraphProto> graphs = a.hasG() ? List.of(a.getG()) : a.getGraphsList();
            for (GraphProto g : graphs) {
                for (NodeProto inner : g.getNodeList()) {
                    if (GraphEdit.isDefaultDomain(inner) && needsRewrite(inner, fromOpset, toOpset)) {
                        throw new NeuroLensException("cannot upgrade " + inner.getOpType() + " node '" + inner.getName()
                                + "' in the subgraph of " + node.getOpType() + " node '" + node.getName()
                                + "' from opset " + fromOpset + " to " + toOpset
                                + ": NeuroLens does not rewrite subgraphs");
                    }
                    checkSubgraphs(inner, fromOpset, toOpset);
                }
            }
        }
    }

    /** Scatter was deprecated at opset 11 for ScatterElements, which has the same inputs and axis. */
    private static List<NodeProto> scatter(NodeProto node, UpgradeContext c) {
        c.note("Scatter '" + node.getName() + "' -> ScatterElements (Scatter is deprecated since opset 11)");
        return List.of(node.toBuilder().setOpType("ScatterElements").build());
    }

    /**
     * RoiAlign-16 added {@code coordinate_transformation_mode} with default {@code half_pixel};
     * RoiAlign-10 computed as {@code output_half_pixel}, which is now stated.
     */
    private static List<NodeProto> roiAlign(NodeProto node, UpgradeContext c) {
        if (Attrs.has(node, "coordinate_transformation_mode")) {
            return List.of(node);
        }
        c.note("RoiAlign '" + node.getName() + "': coordinate_transformation_mode=output_half_pixel (RoiAlign-16)");
        return List.of(node.toBuilder()
                .addAttribute(Attrs.text("coordinate_transformation_mode", "output_half_pixel")).build());
    }
}
