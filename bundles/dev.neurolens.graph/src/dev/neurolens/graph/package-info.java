/**
 * The in-memory ONNX model: {@link dev.neurolens.graph.OnnxModelReader} reads a file into a
 * {@link dev.neurolens.graph.onnx.OnnxProtos.ModelProto} (classes generated from {@code onnx.proto}
 * at build time), {@link dev.neurolens.graph.ModelMetadata} describes it with the core's
 * {@code TensorInfo}/{@code LayerInfo}, and {@link dev.neurolens.graph.ExtraOutputs} makes
 * intermediate tensors fetchable by turning them into graph outputs.
 *
 * <p>All classes here are stateless; models are immutable protobuf values, so every
 * transformation returns a new model.
 */
package dev.neurolens.graph;
