package dev.neurolens.engine.tensorflow.importer;

import java.util.List;
import java.util.Map;

/**
 * Function bodies name tensors {@code node:output_arg:i}; graphs number them flat ({@code node:k}).
 * For ops with one output argument (nearly all) {@code k = i}; the ops with several output
 * arguments that an image classifier may contain are listed here with their argument names.
 */
final class OutputIndex {
    private static final Map<String, List<String>> ARGS = Map.of(
            "FusedBatchNorm", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"),
            "FusedBatchNormV2", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"),
            "FusedBatchNormV3", List.of("y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2",
                    "reserve_space_3"),
            "TopKV2", List.of("values", "indices"),
            "Unique", List.of("y", "idx"));

    private OutputIndex() {
    }

    /** The flat output index of {@code arg:i} of an {@code op} node. */
    static int of(String op, String arg, int i) {
        List<String> args = ARGS.get(op);
        if (args == null) {
            return i;
        }
        int pos = args.indexOf(arg);
        return pos < 0 ? i : pos + i;
    }
}
