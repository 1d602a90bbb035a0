package dev.neurolens.core.explain;

import java.util.List;
import java.util.Map;

/**
 * What each unit (channel) of a layer detects, e.g. from Network Dissection or a natural-language
 * describer.
 *
 * @param method the explainer id
 * @param parameters parameters with defaults filled in
 * @param layer the dissected layer
 * @param units one entry per unit
 * @param summary layer-level numbers, e.g. unique detectors per category
 * @param timingsMillis timings by phase
 */
public record UnitReport(String method, Map<String, String> parameters, String layer, List<Unit> units,
        Map<String, Double> summary, Map<String, Double> timingsMillis) implements Explanation {

    /** Compact constructor: copies. */
    public UnitReport {
        parameters = Map.copyOf(parameters);
        units = List.copyOf(units);
        summary = Map.copyOf(summary);
        timingsMillis = Map.copyOf(timingsMillis);
    }

    /**
     * One unit's description.
     *
     * @param unit 0-based channel index
     * @param label the best label (concept, formula or phrase)
     * @param category the label's category, or {@code ""}
     * @param score the label's score (e.g. IoU, PMI)
     * @param details further numbers by name (e.g. threshold, formula IoU)
     * @param exemplars images that show what the unit responds to
     */
    public record Unit(int unit, String label, String category, double score, Map<String, Double> details,
            List<Exemplar> exemplars) {

        /** Compact constructor: copies. */
        public Unit {
            details = Map.copyOf(details);
            exemplars = List.copyOf(exemplars);
        }
    }

    /**
     * An image that activates a unit strongly.
     *
     * @param image the image's name or path
     * @param activation the unit's maximum activation on it
     * @param peakY row of the peak at input resolution
     * @param peakX column of the peak at input resolution
     */
    public record Exemplar(String image, double activation, int peakY, int peakX) {
    }
}
