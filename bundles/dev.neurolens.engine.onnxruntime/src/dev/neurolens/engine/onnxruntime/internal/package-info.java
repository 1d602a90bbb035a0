/**
 * Internals of the ONNX Runtime engine (not exported): native library installation, DJL
 * bootstrap inside OSGi, sessions, input checks, cancellation and error translation.
 */
package dev.neurolens.engine.onnxruntime.internal;
