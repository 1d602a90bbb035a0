/**
 * Engine-free tensors: a shape and float32 values in row-major order. Every service of NeuroLens
 * exchanges data as {@link dev.neurolens.core.tensor.Tensor}; no engine type (DJL, ONNX Runtime,
 * TensorFlow) crosses a bundle boundary.
 */
package dev.neurolens.core.tensor;
