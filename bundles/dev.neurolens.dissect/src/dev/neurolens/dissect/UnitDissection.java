package dev.neurolens.dissect;

import dev.neurolens.dissect.compose.ScoredFormula;
import java.util.Map;

/**
 * What one unit detects.
 *
 * @param unit the unit (channel index, 0-based)
 * @param threshold its activation threshold {@code T_k}
 * @param activePixels its activated mask pixels over the dataset
 * @param best its best concept over all categories (IoU 0 and concept -1 if it never fires on a
 *     labelled pixel)
 * @param bestByCategory its best concept per category, in the dissection's category order
 * @param detector whether {@code best.iou()} exceeds the IoU threshold
 * @param formula its best compositional formula, or {@code null} when not searched or none found
 * @param exemplars its top images, or {@code null} when none were asked for
 */
public record UnitDissection(int unit, float threshold, long activePixels, ConceptScore best,
        Map<String, ConceptScore> bestByCategory, boolean detector, ScoredFormula formula, ExemplarSet exemplars) {

    /** Compact constructor: copies the map (keeping its order). */
    public UnitDissection {
        bestByCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bestByCategory));
    }
}
