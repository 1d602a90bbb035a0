package dev.neurolens.engine.tensorflow.importer;

/**
 * A TensorFlow tensor as it exists in the ONNX graph being built.
 *
 * @param name the ONNX tensor name
 * @param shape the TensorFlow (logical) shape, {@code -1} for the batch
 * @param nchw whether a 4-D NHWC tensor is held physically as NCHW (its values transposed by
 *     {@link Layout#TO_NCHW}); convolutions work in NCHW, and element-wise ops do not care, so
 *     the importer keeps tensors NCHW between convolutions and transposes only where an op
 *     depends on the logical layout
 */
record Val(String name, long[] shape, boolean nchw) {

    int rank() {
        return shape.length;
    }
}
