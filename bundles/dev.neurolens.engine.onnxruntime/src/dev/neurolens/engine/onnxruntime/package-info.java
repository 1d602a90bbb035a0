/** TODO */
package dev.neurolens.engine.onnxruntime;
