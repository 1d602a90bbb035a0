package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: models with a symbolic batch axis. */
class BatchAxisGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> batchAxis() {
        return check(BatchAxisCases.all());
    }
}
