package dev.neurolens.dissect.compose;

/**
 * A formula with its IoU against a unit's masks.
 *
 * @param formula the formula
 * @param iou {@code |M ∩ F| / |M ∪ F|} over all pixels of the dataset
 * @param score the search's score: {@code penalty^(length-1) · iou}
 */
public record ScoredFormula(Formula formula, double iou, double score) {
}
