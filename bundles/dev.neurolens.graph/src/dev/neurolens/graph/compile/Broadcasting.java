package dev.neurolens.graph.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backward half of numpy-style broadcasting: a gradient of the broadcast result's shape is
 * summed over the axes an operand was broadcast along, then given the operand's shape.
 */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * Reduces {@code grad} (of shape {@code outShape}) to the shape of {@code operand}.
     * Dimensions of {@code -1} (the batch axis) are never reduced unless the operand has 1 there.
     */
    static String reduce(Emitter e, String grad, long[] outShape, String operand) {
        long[] inShape = e.shape(operand);
        int lead = outShape.length - inShape.length;
        List<Long> axes = new ArrayList<>();
        for (int i = 0; i < outShape.length; i++) {
            if (i < lead) {
                axes.add((long) i);
            } else if (inShape[i - lead] == 1 && outShape[i] != 1) {
                axes.add((long) i);
            }
        }
        if (axes.isEmpty()) {
            return grad;
        }
        String summed = e.node("ReduceSum", List.of(grad, e.ints(axes.stream().mapToLong(Long::longValue).toArray())),
                Map.of("keepdims", 1L));
        if (lead == 0) {
            return summed;
        }
        return e.node("Reshape", List.of(summed, e.node("Shape", List.of(operand), Map.of())), Map.of());
    }
}
