package dev.neurolens.evaluation;

/**
 * One step of a randomization check.
 *
 * @param layer the layer randomized at this step (cascading: the lowest randomized so far)
 * @param similarity the maps' similarity to the original model's maps
 */
public record LayerStep(String layer, Similarity similarity) {
}
