package dev.neurolens.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {
    private static ModelProto model;
    private static ModelMetadata meta;

    @BeforeAll
    static void read() {
        model = OnnxModelReader.read(TestModels.resnet20());
        meta = ModelMetadata.of(model);
    }

    @Test
    void inputIsTheImageBatch() {
        assertEquals(1, meta.inputs().size());
        TensorInfo input = meta.inputs().get(0);
        assertEquals("input", input.name());
        assertEquals("float", input.elementType());
        assertEquals(List.of(-1L, 3L, 32L, 32L), input.dims());
        assertEquals("[batch, 3, 32, 32]", input.shapeString());
    }

    @Test
    void outputIsLogits() {
        assertEquals(List.of("logits"), meta.outputs().stream().map(TensorInfo::name).toList());
        assertEquals(List.of(-1L, 10L), meta.outputs().get(0).dims());
    }

    @Test
    void opsetProducerAndParameters() {
        assertEquals(13, meta.opsetVersion());
        assertEquals("pytorch 1.13.0", meta.producer());
        // 269,034 values in 40 initializers + 44 in the Constant nodes of the option-A shortcuts
        assertEquals(269_078, meta.parameterCount());
    }

    @Test
    void layersCoverEveryNodeWithItsOpType() {
        assertEquals(model.getGraph().getNodeCount(), meta.layers().size());
        Set<String> ops = meta.layers().stream().map(LayerInfo::opType).collect(Collectors.toSet());
        assertTrue(ops.containsAll(Set.of("Conv", "Relu", "Add", "Slice", "Pad", "GlobalAveragePool", "Flatten",
                "Gemm")), ops.toString());
        LayerInfo conv = meta.layer("/conv1/Conv").orElseThrow();
        assertEquals("Conv", conv.opType());
        assertEquals(16 * 3 * 3 * 3 + 16, conv.parameterCount());
        assertEquals("[1, 1]", conv.attributes().get("strides"));
        assertEquals("[3, 3]", conv.attributes().get("kernel_shape"));
        LayerInfo gemm = meta.layers().get(meta.layers().size() - 1);
        assertEquals("logits", gemm.outputs().get(0).name());
        assertEquals(List.of(-1L, 10L), gemm.outputs().get(0).dims(), "graph output shapes reach the layer");
    }

    @Test
    void constantValuesAreRendered() {
        LayerInfo constant = meta.layers().stream().filter(l -> l.opType().equals("Constant")).findFirst()
                .orElseThrow();
        assertTrue(constant.attributes().get("value").startsWith("int64 [1] = ["), constant.attributes().toString());
    }

    @Test
    void unnamedNodesGetStableInventedNames() {
        ModelProto unnamed = model.toBuilder().setGraph(model.getGraph().toBuilder()
                .setNode(0, model.getGraph().getNode(0).toBuilder().clearName())
                .setNode(1, model.getGraph().getNode(1).toBuilder().clearName())).build();
        List<String> names = NodeNames.of(unnamed.getGraph());
        assertEquals("Conv_0", names.get(0));
        assertEquals("Relu_1", names.get(1));
        assertEquals(names, NodeNames.of(unnamed.getGraph()));
        assertEquals("Conv_0", ModelMetadata.of(unnamed).layers().get(0).name());
        NodeProto first = unnamed.getGraph().getNode(0);
        assertEquals(first.getOutput(0), TensorNames.of(unnamed).resolve("Conv_0").orElseThrow());
    }

    @Test
    void engineShapesFillGapsInTheFile() {
        String tensor = "/Relu_output_0";
        assertTrue(meta.layer("/Relu").orElseThrow().outputs().get(0).dims().isEmpty(), "no value_info in the file");
        TensorInfo inferred = new TensorInfo(tensor, "float", List.of(-1L, 16L, 32L, 32L),
                List.of("batch", "", "", ""));
        ModelMetadata filled = ModelMetadata.of(model, java.util.Map.of(tensor, inferred));
        assertEquals("[batch, 16, 32, 32]", filled.layer("/Relu").orElseThrow().outputs().get(0).shapeString());
    }
}
