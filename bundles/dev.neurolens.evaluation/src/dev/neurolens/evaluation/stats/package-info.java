/**
 * Statistics the explanation metrics are built on: Spearman's rank correlation with average ranks
 * for ties, the structural similarity index (SSIM) as scikit-image computes it by default, and the
 * trapezoid rule for areas under curves.
 */
package dev.neurolens.evaluation.stats;
