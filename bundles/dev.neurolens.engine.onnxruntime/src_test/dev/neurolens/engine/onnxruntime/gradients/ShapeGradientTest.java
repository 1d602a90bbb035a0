package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat, Slice, Pad and constant shape arithmetic. */
class ShapeGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> shape() {
        return check(ShapeCases.all());
    }
}
