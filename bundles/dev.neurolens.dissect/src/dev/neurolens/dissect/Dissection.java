package dev.neurolens.dissect;

import java.util.List;
import java.util.Map;

/**
 * The result of dissecting one layer over a concept dataset.
 *
 * @param layer the layer as given
 * @param mapHeight the layer's height
 * @param mapWidth the layer's width
 * @param images the number of images
 * @param settings what was computed
 * @param thresholds the per-unit thresholds
 * @param units per unit, in channel order
 * @param summary per category, detectors and unique detected concepts
 * @param tally the counts behind every IoU (for further analysis, e.g. natural-language
 *     descriptions)
 * @param field the layer's receptive field, or {@code null} if it could not be computed
 * @param timings seconds per phase ({@code load}, {@code forward}, {@code tally}, {@code compose},
 *     {@code exemplars}, {@code total}) and {@code cached} (1 if activations were kept for the
 *     second pass, 0 if recomputed)
 */
public record Dissection(String layer, int mapHeight, int mapWidth, int images, DissectionSettings settings,
        UnitThresholds thresholds, List<UnitDissection> units, DissectionSummary summary, ConceptTally tally,
        ReceptiveField field, Map<String, Double> timings) {

    /** Compact constructor: copies. */
    public Dissection {
        units = List.copyOf(units);
        timings = Map.copyOf(timings);
    }
}
