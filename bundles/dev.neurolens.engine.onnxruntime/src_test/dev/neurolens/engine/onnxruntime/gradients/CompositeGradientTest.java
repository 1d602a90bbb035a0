package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Small networks: chained rules, fan-out, intermediate tensors, kinks inside. */
class CompositeGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> composite() {
        return check(CompositeCases.all());
    }
}
