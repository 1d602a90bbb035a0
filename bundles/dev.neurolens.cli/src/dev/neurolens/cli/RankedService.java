package dev.neurolens.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A service with its OSGi {@code service.ranking}, so that a command can pick the best-ranked one.
 *
 * @param service the service object
 * @param ranking its {@code service.ranking} (0 if not set)
 */
record RankedService<T>(T service, int ranking) {

    /** The ranking in a DS component's service properties (0 if absent or not an integer). */
    static int ranking(Map<String, Object> properties) {
        return properties.get("service.ranking") instanceof Integer i ? i : 0;
    }

    /** The services, highest ranking first (registration order among equals). */
    static <T> List<T> ordered(List<RankedService<T>> services) {
        return services.stream().sorted(Comparator.comparingInt((RankedService<T> r) -> -r.ranking()))
                .map(RankedService::service).toList();
    }
}
