/**
 * Input-space attribution methods as {@link dev.neurolens.core.explain.Explainer} services:
 * Saliency, Gradient × Input, SmoothGrad (SmoothGrad², VarGrad), Integrated Gradients, Guided
 * Backprop, DeconvNet and Occlusion. Each method is one class; the gradient methods are
 * {@link dev.neurolens.graph.compile.ExplanationPlan}s run by the engine's
 * {@link dev.neurolens.graph.GraphRunner}; semantics follow the papers and Captum (see
 * {@code docs/methods.md}).
 */
package dev.neurolens.attribution;
