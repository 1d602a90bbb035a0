package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Activations (ReLU, LeakyReLU, Clip, Sigmoid, Tanh, HardSigmoid, HardSwish), Softmax and pass-through ops. */
class ElementwiseGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> elementwise() {
        return check(ElementwiseCases.all());
    }
}
