package dev.neurolens.attribution.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock milliseconds by phase, plus {@code total} since creation. Not thread-safe. */
public final class Timings {
    private final long start = System.nanoTime();
    private long mark = start;
    private final Map<String, Double> phases = new LinkedHashMap<>();

    /** Adds the time since the previous mark (or the start) to {@code phase}. */
    public void lap(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, (now - mark) / 1e6, Double::sum);
        mark = now;
    }

    /** The phases and {@code total}. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>(phases);
        m.put("total", (System.nanoTime() - start) / 1e6);
        return m;
    }
}
