package dev.neurolens.graph.reference;

import static dev.neurolens.graph.reference.Models.iota;
import static dev.neurolens.graph.reference.Models.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator as a whole: what it returns, overrides, and how it fails. */
class ReferenceEvaluatorTest {
    private final ReferenceEvaluator evaluator = new ReferenceEvaluator();

    /** x → Relu → r → Mul(r, w) → y. */
    private static ModelProto reluTimesWeight() {
        ModelBuilder m = withInput(3).initializer("w", new float[] {2, 3, 4}, 3);
        m.node("Relu").inputs("x").outputs("r");
        m.node("Mul").inputs("r", "w").outputs("y");
        return m.output("y").build();
    }

    @Test
    void returnsEveryTensorInOrder() {
        Map<String, DoubleTensor> out = evaluator.evaluate(reluTimesWeight(),
                Map.of("x", DoubleTensor.of(new double[] {-1, 1, 2}, 3)));
        assertEquals(List.of("w", "x", "r", "y"), List.copyOf(out.keySet()));
        assertArrayEquals(new double[] {0, 3, 8}, out.get("y").values());
        assertArrayEquals(new double[] {2, 3, 4}, out.get("w").values());
    }

    @Test
    void givenValuesReplaceInitializersAndIntermediateTensors() {
        DoubleTensor x = DoubleTensor.of(new double[] {-1, 1, 2}, 3);
        Map<String, DoubleTensor> weights = evaluator.evaluate(reluTimesWeight(),
                Map.of("x", x, "w", DoubleTensor.of(new double[] {1, 1, 1}, 3)));
        assertArrayEquals(new double[] {0, 1, 2}, weights.get("y").values());
        Map<String, DoubleTensor> intermediate = evaluator.evaluate(reluTimesWeight(),
                Map.of("x", x, "r", DoubleTensor.of(new double[] {-5, 0, 1}, 3)));
        assertArrayEquals(new double[] {-5, 0, 1}, intermediate.get("r").values(), "the Relu is not evaluated");
        assertArrayEquals(new double[] {-10, 0, 4}, intermediate.get("y").values());
    }

    @Test
    void typedFieldsAreReadLikeRawData() {
        TensorProto typed = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(3).addFloatData(2).addFloatData(3).addFloatData(4).build();
        ModelBuilder m = withInput(3).initializer(typed);
        m.node("Mul").inputs("x", "w").outputs("y");
        DoubleTensor y = evaluator.evaluate(m.output("y").build(), Map.of("x", iota(3))).get("y");
        assertArrayEquals(new double[] {0, 3, 8}, y.values());
    }

    @Test
    void unsupportedOpIsNamedWithItsNode() {
        ModelBuilder m = withInput(3);
        m.node("Erf").name("the_erf").inputs("x").outputs("y");
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> evaluator.evaluate(m.output("y").build(), Map.of("x", iota(3))));
        assertTrue(e.getMessage().contains("Erf") && e.getMessage().contains("'the_erf'"), e.getMessage());
        ModelBuilder custom = withInput(3);
        custom.node("Relu").domain("com.example").inputs("x").outputs("y");
        NeuroLensException domain = assertThrows(NeuroLensException.class,
                () -> evaluator.evaluate(custom.output("y").build(), Map.of("x", iota(3))));
        assertTrue(domain.getMessage().contains("com.example"), domain.getMessage());
    }

    @Test
    void badInputsAndAttributesNameTheNode() {
        NeuroLensException missing = assertThrows(NeuroLensException.class,
                () -> evaluator.evaluate(reluTimesWeight(), Map.of()));
        assertTrue(missing.getMessage().contains("'x'"), missing.getMessage());
        NeuroLensException shape = assertThrows(NeuroLensException.class,
                () -> evaluator.evaluate(reluTimesWeight(), Map.of("x", iota(4))));
        assertTrue(shape.getMessage().contains("'x'"), shape.getMessage());
        ModelBuilder m = withInput(6).int64Vector("s", 4, -1);
        m.node("Reshape").name("bad_reshape").inputs("x", "s").outputs("y");
        NeuroLensException reshape = assertThrows(NeuroLensException.class,
                () -> evaluator.evaluate(m.output("y").build(), Map.of("x", iota(6))));
        assertTrue(reshape.getMessage().contains("'bad_reshape'"), reshape.getMessage());
    }

    @Test
    void coversTheOpsWithBackwardRules() {
        assertTrue(evaluator.supportedOps().containsAll(List.of("Conv", "Gemm", "MatMul", "Relu", "LeakyRelu", "Clip",
                "Sigmoid", "Tanh", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization", "Add", "Sub",
                "Mul", "Div", "Concat", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Pad",
                "Dropout", "Identity", "Softmax", "Resize", "HardSigmoid", "HardSwish", "Constant", "Shape", "Gather",
                "Cast", "ConstantOfShape", "ReduceMean", "ReduceSum")));
    }
}
