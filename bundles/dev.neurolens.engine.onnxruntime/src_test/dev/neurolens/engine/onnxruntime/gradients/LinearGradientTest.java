package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Gemm, MatMul and BatchNormalization. */
class LinearGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> linear() {
        return check(LinearCases.all());
    }
}
