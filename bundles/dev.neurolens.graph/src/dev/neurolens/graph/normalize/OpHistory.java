package dev.neurolens.graph.normalize;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which changes of the default ONNX domain's operators between opset 8 and opset 17 alter what an
 * existing node computes.
 *
 * <p>The versions are those of the ONNX operator changelog ({@code docs/Changelog.md}; the
 * per-opset schema lists of {@code onnx/defs/operator_sets.h}). Almost every new version in that
 * range only adds element types, allows negative axes, or adds an attribute or optional input
 * whose default is the old behaviour (e.g. Reshape-14 {@code allowzero}, Shape-15
 * {@code start}/{@code end}, MaxPool-10 {@code ceil_mode}, ScatterElements-16 {@code reduction},
 * GRU/LSTM/RNN-14 {@code layout}): such nodes mean the same at opset 17 and are kept. The changes
 * that do not are listed here: {@link #REWRITTEN} (NeuroLens rewrites the node, see
 * {@link NodeUpgrades}) and {@link #REFUSED}. The unit test holds the complete version table and
 * checks these entries against it.
 */
final class OpHistory {

    /** Changes that alter what an existing node means, as {@code Op@version}; such nodes are rewritten. */
    static final Set<String> REWRITTEN = Set.of(
            "Upsample@9", "Upsample@10", // scales attribute -> input; deprecated for Resize
            "Resize@11", // roi input, coordinate_transformation_mode (default half_pixel, was asymmetric)
            "Slice@10", // starts/ends/axes attributes -> inputs
            "TopK@10", // k attribute -> input
            "Pad@11", // pads/value attributes -> inputs
            "Clip@11", // min/max attributes -> inputs
            "Scatter@11", // deprecated: ScatterElements
            "Dropout@10", // mask output becomes bool
            "Dropout@12", // ratio attribute -> input, training_mode input
            "Squeeze@13", "Unsqueeze@13", "ReduceSum@13", "Split@13", // axes / split attribute -> input
            "Softmax@13", "LogSoftmax@13", "Hardmax@13", // coerce-to-2D -> single axis
            "BatchNormalization@9", // spatial attribute removed
            "BatchNormalization@14", // outputs beyond Y only in training mode
            "RoiAlign@16"); // coordinate_transformation_mode added, default half_pixel (was output_half_pixel)

    /** Changes NeuroLens does not rewrite, as {@code Op@version}, with the reason. */
    static final Map<String, String> REFUSED = Map.of(
            "Scan@9", "Scan-9 dropped the batch axis of Scan-8 (sequence_lens input removed)");

    /** Deprecated ops that opset 17 no longer runs: always rewritten, whatever the model's opset. */
    static final Set<String> DEPRECATED = Set.of("Upsample", "Scatter");

    /** {@link #REWRITTEN} and {@link #REFUSED} by op: versions and refusal (null when rewritten). */
    private static final Map<String, Map<Integer, String>> BY_OP = byOp();

    private OpHistory() {
    }

    /**
     * Whether a node of {@code op} written at opset {@code from} must be rewritten to mean the same
     * at opset {@code to} (check {@link #refusal} first).
     */
    static boolean needsRewrite(String op, long from, long to) {
        if (DEPRECATED.contains(op)) {
            return true;
        }
        Map<Integer, String> changes = BY_OP.get(op);
        if (changes != null) {
            for (Integer version : changes.keySet()) {
                if (version > from && version <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why a node of {@code op} written at opset {@code from} cannot be upgraded to {@code to}, if it cannot. */
    static Optional<String> refusal(String op, long from, long to) {
        Map<Integer, String> changes = BY_OP.get(op);
        if (changes != null) {
            for (Map.Entry<Integer, String> c : changes.entrySet()) {
                if (c.getValue() != null && c.getKey() > from && c.getKey() <= to) {
                    return Optional.of(c.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Map<Integer, String>> byOp() {
        Map<String, Map<Integer, String>> m = new HashMap<>();
        for (String key : REWRITTEN) {
            put(m, key, null);
        }
        for (Map.Entry<String, String> e : REFUSED.entrySet()) {
            put(m, e.getKey(), e.getValue());
        }
        return m;
    }

    private static void put(Map<String, Map<Integer, String>> m, String key, String refusal) {
        int at = key.indexOf('@');
        m.computeIfAbsent(key.substring(0, at), k -> new HashMap<>()).put(Integer.parseInt(key.substring(at + 1)),
                refusal);
    }
}
