/**
 * The ONNX Runtime engine: {@link dev.neurolens.engine.onnxruntime.OnnxRuntimeModelAdapter}, a
 * Declarative Services component registered as a {@link dev.neurolens.core.model.ModelAdapter}
 * for {@code .onnx} files. It runs models with DJL's OnnxRuntime engine and, where DJL's wrapper
 * lacks a feature (choosing outputs, cancelling a run, thread options), with the ONNX Runtime
 * session API underneath. DJL and ONNX Runtime are embedded in this bundle; none of their types
 * leaves the {@code internal} package.
 */
package dev.neurolens.engine.onnxruntime;
