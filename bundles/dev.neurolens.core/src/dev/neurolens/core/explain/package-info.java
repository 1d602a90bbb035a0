/**
 * Explanation methods and their results: the {@link dev.neurolens.core.explain.Explainer}
 * service contract (Captum-style: one request type, one result hierarchy for every method), its
 * {@link dev.neurolens.core.explain.ParameterDescriptor}s, and the value types of
 * {@link dev.neurolens.core.explain.Explanation}.
 */
package dev.neurolens.core.explain;
