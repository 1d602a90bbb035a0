package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Add, Sub, Mul, Div and Sum with broadcasting, incl. weights and x used twice. */
class BroadcastGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> broadcast() {
        return check(BroadcastCases.all());
    }
}
