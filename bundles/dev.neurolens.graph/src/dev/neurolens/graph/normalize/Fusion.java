package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One exporter pattern fused back into the layer it represents. */
@FunctionalInterface
interface Fusion {

    /**
     * Fuses the pattern that starts at node {@code index} of the working copy, if it is there.
     *
     * @return a line describing the fusion, or empty when the pattern is not at {@code index}
     */
    Optional<String> apply(GraphEdit graph, int index, Context context);

    /**
     * What fusions look at, computed once per sweep over the graph (ranks only when asked for).
     */
    final class Context {
        private final GraphEdit graph;
        private final Map<String, Integer> uses;
        private Map<String, Integer> ranks;

        Context(GraphEdit graph) {
            this.graph = graph;
            this.uses = graph.consumerCounts();
        }

        /** How often each tensor is read (subgraphs and graph outputs included). */
        Map<String, Integer> uses() {
            return uses;
        }

        /** Static ranks ({@link Ranks}). */
        Map<String, Integer> ranks() {
            if (ranks == null) {
                ranks = Ranks.of(graph);
            }
            return ranks;
        }

        /** Whether {@code tensor} is read exactly once, by a node of this graph, and is no graph output. */
        boolean readOnceBy(GraphEdit graph, String tensor) {
            return uses.getOrDefault(tensor, 0) == 1 && !graph.isGraphOutput(tensor)
                    && graph.readers(tensor).size() == 1;
        }

        /** The single reader of {@code tensor} if {@link #readOnceBy} holds. */
        Optional<NodeProto> onlyReader(GraphEdit graph, String tensor) {
            if (!readOnceBy(graph, tensor)) {
                return Optional.empty();
            }
            List<Integer> readers = graph.readers(tensor);
            return Optional.of(graph.nodes().get(readers.get(0)));
        }
    }
}
