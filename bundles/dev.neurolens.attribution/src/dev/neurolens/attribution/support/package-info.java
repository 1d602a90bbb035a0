/**
 * Building blocks shared by the gradient-style explainers of NeuroLens (and usable by
 * third-party method bundles): parameter resolution, target classes and one-hot seeds, running
 * an {@link dev.neurolens.graph.compile.ExplanationPlan} in memory-bounded chunks, the
 * ReLU-overriding backward rules of Guided Backprop and DeconvNet, and small tensor arithmetic.
 */
package dev.neurolens.attribution.support;
