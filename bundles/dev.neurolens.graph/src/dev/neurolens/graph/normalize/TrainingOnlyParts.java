package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Set;

/**
 * BatchNormalization and Dropout: what changed between their old versions and opset 17 only
 * concerns training, so at inference the upgrade drops the attributes and the unused outputs that
 * no longer exist.
 */
final class TrainingOnlyParts {
    private TrainingOnlyParts() {
    }

    /**
     * BatchNormalization-9 removed {@code spatial} (1, the default, is the only meaning left;
     * {@code is_test} went at 7, {@code consumed_inputs} at 6). BatchNormalization-14 allows the
     * outputs beyond Y (running mean and variance, saved statistics) only in training mode, so they
     * must be unused; they are dropped.
     */
    static List<NodeProto> batchNormalization(NodeProto node, UpgradeContext c) {
        if (Attrs.integer(node, "spatial", 1) == 0) {
            throw c.refuse(node, "spatial=0 (statistics per activation, not per channel) was removed in"
                    + " BatchNormalization-9");
        }
        requireUnusedExtraOutputs(node, c, "which exists only in training mode since BatchNormalization-14");
        NodeProto.Builder b = Attrs.without(node, Set.of("spatial", "is_test", "consumed_inputs")).clearOutput()
                .addOutput(node.getOutput(0));
        c.note("BatchNormalization '" + node.getName() + "': dropped the training-only attributes and outputs"
                + " (BatchNormalization-9, -14)");
        return List.of(b.build());
    }

    /**
     * Dropout-12 turned {@code ratio} into an input and made training an input too; without them
     * the node is the identity at inference, as before. Dropout-10 changed the mask output's type
     * to bool, so an opset-7..9 mask must be unused; it is dropped.
     */
    static List<NodeProto> dropout(NodeProto node, UpgradeContext c) {
        NodeProto.Builder b = Attrs.without(node, Set.of("ratio", "is_test", "consumed_inputs"));
        if (c.fromOpset() < 10) {
            requireUnusedExtraOutputs(node, c, "the mask, whose type became bool in Dropout-10");
            b.clearOutput().addOutput(node.getOutput(0));
        }
        c.note("Dropout '" + node.getName() + "': dropped the ratio attribute (Dropout-12: identity at inference)");
        return List.of(b.build());
    }

    private static void requireUnusedExtraOutputs(NodeProto node, UpgradeContext c, String why) {
        for (int k = 1; k < node.getOutputCount(); k++) {
            if (c.isUsed(node.getOutput(k))) {
                throw c.refuse(node, "the model reads its output " + (k + 1) + " '" + node.getOutput(k) + "', " + why);
            }
        }
    }
}
