package dev.neurolens.graph.reference;

import java.util.List;

/** The float64 forward computation of one ONNX operator. */
@FunctionalInterface
interface Op {

    /**
     * Computes the node's outputs.
     *
     * @return one value per declared output; {@code null} for omitted optional outputs
     * @throws IllegalArgumentException if inputs or attributes break the operator's rules
     */
    List<DoubleTensor> apply(OpNode node);

    /** An op with one output. */
    static Op single(java.util.function.Function<OpNode, DoubleTensor> f) {
        return node -> List.of(f.apply(node));
    }
}
