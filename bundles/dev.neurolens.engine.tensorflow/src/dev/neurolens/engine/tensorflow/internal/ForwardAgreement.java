package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The check that the imported graph computes what the SavedModel computes: both run on the same
 * seeded random batch (values in [0, 1], two images); they agree when the largest difference is at
 * most {@value #TOLERANCE} of the largest output magnitude.
 */
final class ForwardAgreement {
    /** Relative tolerance of the check. */
    static final double TOLERANCE = 1e-4;

    private ForwardAgreement() {
    }

    /**
     * Why the two disagree, or empty when they agree.
     *
     * @param input the model input (static sizes besides the batch)
     * @param savedModel the SavedModel as TensorFlow runs it
     * @param imported the imported graph
     */
    static Optional<String> check(TensorInfo input, UnaryOperator<Tensor> savedModel, UnaryOperator<Tensor> imported) {
        Tensor batch = randomBatch(input.dims());
        Tensor expected = savedModel.apply(batch);
        Tensor actual = imported.apply(batch);
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            return Optional.of("the imported graph's output has shape " + actual.shapeString() + ", the SavedModel's "
                    + expected.shapeString());
        }
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.get(i)));
            worst = Math.max(worst, Math.abs(expected.get(i) - actual.get(i)));
        }
        double relative = worst / Math.max(scale, 1e-12);
        if (!(relative <= TOLERANCE)) {
            return Optional.of(String.format(java.util.Locale.ROOT, "the imported graph's outputs differ from the"
                    + " SavedModel's by %.3g (relative to the largest output; tolerance %.0e)", relative, TOLERANCE));
        }
        return Optional.empty();
    }

    private static Tensor randomBatch(List<Long> dims) {
        int[] shape = new int[dims.size()];
        shape[0] = 2;
        for (int i = 1; i < shape.length; i++) {
            shape[i] = Math.toIntExact(dims.get(i));
        }
        float[] values = new float[Math.toIntExact(Tensor.elementCount(shape))];
        SplittableRandom random = new SplittableRandom(20_260_801L);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        return Tensor.wrap(values, shape);
    }
}
