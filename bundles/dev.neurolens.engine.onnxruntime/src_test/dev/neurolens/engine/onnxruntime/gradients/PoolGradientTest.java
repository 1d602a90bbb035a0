package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: MaxPool, AveragePool, GlobalAveragePool and ReduceMean. */
class PoolGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> pool() {
        return check(PoolCases.all());
    }
}
