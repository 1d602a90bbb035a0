/**
 * The root of the NeuroLens API: {@link dev.neurolens.core.NeuroLensException}, the one exception
 * type whose message is shown to users. The service contracts live in the sub-packages:
 * {@code model} (engines and loaded models), {@code explain} (explanation methods and their
 * results), {@code progress} (progress and cancellation), {@code tensor} (data) and {@code io}
 * (result files: NumPy, PNG, JSON, and image input).
 */
package dev.neurolens.core;
