package dev.neurolens.lrp.internal;

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
    }
}
