/**
 * Building ONNX models in code: {@link dev.neurolens.graph.build.ModelBuilder} (inputs,
 * initializers, nodes with attributes, outputs, opset and IR version; {@code build()} and
 * {@code write(Path)}), {@link dev.neurolens.graph.build.TensorProtos} for constant tensors, and
 * {@link dev.neurolens.graph.build.RandomWeights} for seeded random weights and inputs. Used by
 * tests that need small models and by importers of other model formats.
 */
package dev.neurolens.graph.build;
