package dev.neurolens.graph.reference;

import dev.neurolens.graph.build.ModelBuilder;
import java.util.Map;

/** Evaluates small hand-made models on one input named {@code x}. */
final class Models {
    private static final ReferenceEvaluator EVALUATOR = new ReferenceEvaluator();

    private Models() {
    }

    /** A builder with a float input {@code x} of the given shape, at opset 17. */
    static ModelBuilder withInput(int... shape) {
        return new ModelBuilder("test").input("x", java.util.Arrays.stream(shape).asLongStream().toArray());
    }

    /** The value of {@code output} when {@code x} is fed. */
    static DoubleTensor eval(ModelBuilder model, String output, DoubleTensor x) {
        return EVALUATOR.evaluate(model.output(output).build(), Map.of("x", x)).get(output);
    }

    /** 0, 1, 2, … in the given shape. */
    static DoubleTensor iota(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return DoubleTensor.of(v, shape);
    }
}
