package dev.neurolens.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraOutputsTest {
    private static final String LAST_BLOCK = "/layer3/layer3.2/Relu_1_output_0";

    @Test
    void addsFloatOutputsAndLeavesTheOriginalAlone() {
        ModelProto model = OnnxModelReader.read(TestModels.resnet20());
        ModelProto more = ExtraOutputs.withOutputs(model, List.of(LAST_BLOCK, "logits", "/Relu_output_0"));
        assertEquals(1, model.getGraph().getOutputCount(), "the input model is unchanged");
        List<String> names = more.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
        assertEquals(List.of("logits", LAST_BLOCK, "/Relu_output_0"), names);
        assertEquals(TensorProto.DataType.FLOAT_VALUE,
                more.getGraph().getOutput(1).getType().getTensorType().getElemType());
        assertEquals(model.getGraph().getNodeList(), more.getGraph().getNodeList());
        // the copy is still a valid model
        OnnxModelReader.parse(more.toByteArray(), "copy");
    }

    @Test
    void untypedOutputsHaveNoType() {
        ModelProto model = OnnxModelReader.read(TestModels.resnet20());
        ModelProto more = ExtraOutputs.withUntypedOutputs(model, List.of(LAST_BLOCK));
        assertFalse(more.getGraph().getOutput(1).hasType());
    }

    @Test
    void nodeNamesResolveToTheirFirstOutput() {
        TensorNames names = TensorNames.of(OnnxModelReader.read(TestModels.resnet20()));
        assertEquals(LAST_BLOCK, names.resolve("/layer3/layer3.2/Relu_1").orElseThrow());
        assertEquals("logits", names.resolve("logits").orElseThrow());
        assertTrue(names.resolve("no such thing").isEmpty());
    }

    @Test
    void unknownNamesAreRefused() {
        ModelProto model = OnnxModelReader.read(TestModels.resnet20());
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> ExtraOutputs.withOutputs(model, List.of("nope")));
        assertEquals("the model has no tensor named nope", e.getMessage());
    }
}
