package dev.neurolens.engine.tensorflow.importer;

/**
 * The TensorFlow tensor an ONNX tensor of the imported graph holds.
 *
 * @param tensor the flat graph's tensor ({@code node} or {@code node:i})
 * @param nchw whether the ONNX tensor holds it transposed from NHWC to NCHW
 */
public record TfTensorRef(String tensor, boolean nchw) {
}
