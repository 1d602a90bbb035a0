package dev.neurolens.evaluation;

import java.util.List;

/**
 * A layer whose parameters the randomization checks re-initialize: a {@code Conv}, {@code Gemm},
 * {@code MatMul} or {@code BatchNormalization} node with constant parameters (initializers).
 *
 * @param name the node's name (as {@code neurolens info} shows it)
 * @param op the op type
 * @param position the node's index in the graph's (topologically sorted) node list
 * @param parameters the names of its float initializers, in input order
 */
public record ParametrizedLayer(String name, String op, int position, List<String> parameters) {

    /** Copies the list. */
    public ParametrizedLayer {
        parameters = List.copyOf(parameters);
    }
}
