/**
 * The LRP explainer service and its canonizer: rule assignment over the relevance path
 * ({@link dev.neurolens.lrp.internal.Assignment}), BatchNormalization merging, the backward rules of
 * non-linear nodes, and the bounds of z^B pushed through normalization nodes. Not exported.
 */
package dev.neurolens.lrp.internal;
