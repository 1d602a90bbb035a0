package dev.neurolens.dissect;

/**
 * A concept and how well a unit's binary masks match it.
 *
 * @param concept the concept id in the dissection's {@link ConceptSpace}
 * @param label the label name
 * @param category the category name
 * @param iou the IoU of the unit's masks and the concept's masks over the dataset
 */
public record ConceptScore(int concept, String label, String category, double iou) {

    /** The score of {@code id} for unit {@code k} in {@code tally}. */
    static ConceptScore of(ConceptTally tally, int k, int id) {
        ConceptSpace s = tally.space();
        return new ConceptScore(id, s.name(id), s.category(id), tally.iou(k, id));
    }
}
