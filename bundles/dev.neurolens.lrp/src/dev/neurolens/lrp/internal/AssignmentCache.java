package dev.neurolens.lrp.internal;

import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.graph.GraphRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few rule assignments by model (its graph runner, by identity) and parameters, so that
 * explaining image after image does not walk the graph again. Cleared when rules or composites
 * come or go.
 */
final class AssignmentCache {
    private static final int SIZE = 8;

    private final Map<Key, Assignment> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Assignment> eldest) {
            return size() > SIZE;
        }
    };

    private record Key(GraphRunner runner, Map<String, String> parameters) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.runner == runner && k.parameters.equals(parameters);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(runner) * 31 + parameters.hashCode();
        }
    }

    /**
     * Compiled passes by assignment (by identity: assignments come from this cache) and seed kind:
     * looking a plan of ~100 rule overrides up in the runner's plan cache hashes all of them, a
     * few percent of an LRP explanation of one image.
     */
    private final Map<PassKey, GradientPass> passes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PassKey, GradientPass> eldest) {
            return size() > 2 * SIZE;
        }
    };

    private record PassKey(Assignment assignment, boolean predicted) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PassKey k && k.assignment == assignment && k.predicted == predicted;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(assignment) * 2 + (predicted ? 1 : 0);
        }
    }

    /** The cached pass of an assignment, or {@code compile}'s (kept unless it throws). */
    synchronized GradientPass pass(Assignment assignment, boolean predicted, Supplier<GradientPass> compile) {
        return passes.computeIfAbsent(new PassKey(assignment, predicted), k -> compile.get());
    }

    /** The cached assignment, or {@code compute}'s (kept unless it throws). */
    synchronized Assignment get(GraphRunner runner, Map<String, String> parameters, Supplier<Assignment> compute) {
        Key key = new Key(runner, Map.copyOf(parameters));
        Assignment a = recent.get(key);
        if (a == null) {
            a = compute.get();
            recent.put(key, a);
        }
        return a;
    }

    synchronized void clear() {
        recent.clear();
        passes.clear();
    }
}
