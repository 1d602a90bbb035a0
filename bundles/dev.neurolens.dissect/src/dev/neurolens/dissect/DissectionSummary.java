package dev.neurolens.dissect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The interpretability of a layer (Bau et al. 2017, Sec. 3.2): per category, the number of
 * <em>unique detectors</em> — distinct concepts that are the best concept of at least one
 * detector unit — and the number of detector units.
 *
 * @param units the number of units
 * @param detectors units whose best IoU exceeds the threshold
 * @param uniqueDetectors per category, distinct concepts detected
 * @param detectorUnits per category, detector units whose best concept is in it
 */
public record DissectionSummary(int units, int detectors, Map<String, Integer> uniqueDetectors,
        Map<String, Integer> detectorUnits) {

    /** Compact constructor: copies the maps, keeping their order. */
    public DissectionSummary {
        uniqueDetectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(uniqueDetectors));
        detectorUnits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detectorUnits));
    }

    /** The summary of {@code units} over {@code categories}. */
    static DissectionSummary of(List<UnitDissection> units, List<String> categories) {
        Map<String, Integer> unique = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        int detectors = 0;
        for (String c : categories) {
            Set<Integer> concepts = new TreeSet<>();
            int n = 0;
            for (UnitDissection u : units) {
                if (u.detector() && u.best().category().equals(c)) {
                    concepts.add(u.best().concept());
                    n++;
                }
            }
            unique.put(c, concepts.size());
            count.put(c, n);
            detectors += n;
        }
        return new DissectionSummary(units.size(), detectors, unique, count);
    }
}
