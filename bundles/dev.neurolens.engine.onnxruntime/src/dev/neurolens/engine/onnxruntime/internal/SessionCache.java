package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Sessions by the set of outputs they fetch, least recently used first out. Each extra output set
 * is its own ONNX Runtime session (its own copy of the weights), so only a few are kept.
 */
final class SessionCache implements AutoCloseable {
    private final int capacity;
    private final Map<Set<String>, OrtSession> sessions = new LinkedHashMap<>(8, 0.75f, true);

    /** A cache that keeps at most {@code capacity} sessions. */
    SessionCache(int capacity) {
        this.capacity = capacity;
    }

    /** The session for {@code outputs}, created by {@code factory} if it is not cached. */
    OrtSession get(Set<String> outputs, Function<Set<String>, OrtSession> factory) {
        Set<String> key = Set.copyOf(new TreeSet<>(outputs));
        OrtSession session = sessions.get(key);
        if (session == null) {
            session = factory.apply(key);
            sessions.put(key, session);
            evictBeyondCapacity();
        }
        return session;
    }

    /** Number of cached sessions. */
    int size() {
        return sessions.size();
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<Set<String>, OrtSession>> eldest = sessions.entrySet().iterator();
        while (sessions.size() > capacity && eldest.hasNext()) {
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Closes every session. */
    @Override
    public void close() {
        sessions.values().forEach(SessionCache::closeQuietly);
        sessions.clear();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            // closing releases native memory; a failure here leaves nothing for the caller to do
        }
    }
}
