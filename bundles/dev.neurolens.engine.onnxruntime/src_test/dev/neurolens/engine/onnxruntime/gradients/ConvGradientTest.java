package dev.neurolens.engine.onnxruntime.gradients;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Engine gradients against float64 finite differences: Conv: the VJP (flipped Conv at stride 1, polyphase Conv for equal 2-D strides, ConvTranspose otherwise) in every padding, stride, dilation and group configuration. */
class ConvGradientTest extends GradientTestBase {

    @TestFactory
    Stream<DynamicTest> conv() {
        return check(ConvCases.all());
    }
}
