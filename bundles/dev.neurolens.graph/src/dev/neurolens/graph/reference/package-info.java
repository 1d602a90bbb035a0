/**
 * The float64 reference that emitted gradients are proven against:
 * {@link dev.neurolens.graph.reference.ReferenceEvaluator} evaluates ONNX models in plain Java
 * (the ops NeuroLens has backward rules for, plus the constant shape arithmetic around them),
 * {@link dev.neurolens.graph.reference.DoubleTensor} holds its values, and
 * {@link dev.neurolens.graph.reference.FiniteDifferences} turns it into derivatives (central
 * differences per element or along a direction, with a measure of nearby kinks).
 *
 * <p>Nothing here is used to run models in production: it is deliberately simple, slow and exact.
 */
package dev.neurolens.graph.reference;
