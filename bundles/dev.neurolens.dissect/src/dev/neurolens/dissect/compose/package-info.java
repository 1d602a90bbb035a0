/**
 * Compositional explanations of units (Mu and Andreas, "Compositional Explanations of Neurons",
 * NeurIPS 2020): formulas of concepts with AND, OR and AND NOT, found by beam search and scored by
 * IoU against a unit's binary masks, evaluated on per-signature pixel counts.
 */
package dev.neurolens.dissect.compose;
