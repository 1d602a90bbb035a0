/**
 * Normalization of imported models before explanations compile on them:
 * {@link dev.neurolens.graph.normalize.ModelNormalizer} names every node, upgrades the model to
 * opset 17 ({@link dev.neurolens.graph.normalize.OpsetUpgrade}), makes baked batch sizes dynamic
 * ({@link dev.neurolens.graph.normalize.BatchSizeRewrite}) and fuses exporter patterns back into
 * layers ({@link dev.neurolens.graph.normalize.Fusions}). Every step is a pure function from model
 * to {@link dev.neurolens.graph.normalize.Normalized} (model and list of changes); engines check
 * that a rewritten model computes the same forward outputs before they use it.
 */
package dev.neurolens.graph.normalize;
