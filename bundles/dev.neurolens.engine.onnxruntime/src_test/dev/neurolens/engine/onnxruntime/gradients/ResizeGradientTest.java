package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Resize, nearest and linear. */
class ResizeGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> resize() {
        return check(ResizeCases.all());
    }
}
