package dev.neurolens.evaluation;

import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;

/**
 * One image to evaluate on: the model input, the picture it came from, the object's pixel mask and
 * the class to explain (the object's class).
 *
 * @param name a name for reports, e.g. {@code synthetic/000042}
 * @param input the preprocessed image without the batch axis, in the model's layout
 * @param picture the image fitted to the model's input size (for display)
 * @param mask {@code H*W} flags at the input resolution, row-major: true on the object
 * @param target the object's class index in the model's labels
 */
public record EvaluationSample(String name, Tensor input, BufferedImage picture, boolean[] mask, int target) {
}
