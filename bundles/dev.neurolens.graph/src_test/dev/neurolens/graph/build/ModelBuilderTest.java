package dev.neurolens.graph.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.graph.ModelMetadata;
import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBuilderTest {

    /** conv (k3 s2 p1) → relu → global average pool → flatten → gemm, batch symbolic. */
    private static ModelBuilder smallCnn() {
        RandomWeights r = new RandomWeights(7);
        return new ModelBuilder("small-cnn")
                .input("x", -1, 3, 8, 8)
                .initializer("w", r.he(4 * 3 * 3 * 3, 27), 4, 3, 3, 3)
                .initializer("b", r.uniform(4, -0.1, 0.1), 4)
                .initializer("fc", r.he(4 * 5, 4), 5, 4)
                .node("Conv").name("conv").inputs("x", "w", "b").outputs("c").ints("strides", 2, 2)
                .ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("relu").inputs("c").outputs("r").model()
                .node("GlobalAveragePool").name("gap").inputs("r").outputs("g").model()
                .node("Flatten").name("flat").inputs("g").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fc").outputs("logits").attr("transB", 1).attr("alpha", 1f)
                .model()
                .output("logits", -1, 5);
    }

    @Test
    void builtModelParsesAndDescribesItself() {
        ModelProto model = OnnxModelReader.parse(smallCnn().build().toByteArray(), "small-cnn");
        assertEquals(ModelBuilder.DEFAULT_IR_VERSION, model.getIrVersion());
        ModelMetadata meta = ModelMetadata.of(model);
        assertEquals(17, meta.opsetVersion());
        assertEquals("neurolens", meta.producer());
        assertEquals(1, meta.inputs().size(), "initializers are no graph inputs");
        assertEquals("[batch, 3, 8, 8]", meta.inputs().get(0).shapeString());
        assertEquals("[batch, 5]", meta.outputs().get(0).shapeString());
        assertEquals(108 + 4 + 20, meta.parameterCount());
        assertEquals(List.of("Conv", "Relu", "GlobalAveragePool", "Flatten", "Gemm"),
                meta.layers().stream().map(LayerInfo::opType).toList());
        LayerInfo conv = meta.layer("conv").orElseThrow();
        assertEquals("[2, 2]", conv.attributes().get("strides"));
        assertEquals("[1, 1, 1, 1]", conv.attributes().get("pads"));
        assertEquals(112, conv.parameterCount());
        assertEquals("1", meta.layer("fc").orElseThrow().attributes().get("transB"));
    }

    @Test
    void writesWhatItBuilds(@TempDir Path dir) {
        ModelBuilder b = smallCnn();
        Path file = b.write(dir.resolve("sub/small.onnx"));
        assertEquals(b.build(), OnnxModelReader.read(file));
    }

    @Test
    void opsetAndIrVersionCanBeChosen() {
        ModelProto m = new ModelBuilder("g").opset(13).irVersion(7).input("x", 2)
                .node("Relu").inputs("x").outputs("y").model().output("y").build();
        assertEquals(13, m.getOpsetImport(0).getVersion());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals(7, m.getIrVersion());
        assertEquals(13, ModelMetadata.of(m).opsetVersion());
    }

    @Test
    void everyAttributeKindIsTyped() {
        TensorProto value = TensorProtos.int64Vector("", 1, -1);
        NodeProto n = new ModelBuilder("g").input("x", 2)
                .node("Custom").domain("test").inputs("x", "").outputs("y")
                .attr("i", 3).attr("f", 0.5f).attr("s", "half_pixel").ints("is", 1, 2).floats("fs", 0.25f, 2f)
                .attr("t", value).model()
                .output("y").build().getGraph().getNode(0);
        assertEquals("test", n.getDomain());
        assertEquals(List.of("x", ""), n.getInputList());
        assertEquals(AttributeProto.AttributeType.INT, attribute(n, "i").getType());
        assertEquals(3, attribute(n, "i").getI());
        assertEquals(AttributeProto.AttributeType.FLOAT, attribute(n, "f").getType());
        assertEquals(0.5f, attribute(n, "f").getF());
        assertEquals("half_pixel", attribute(n, "s").getS().toStringUtf8());
        assertEquals(List.of(1L, 2L), attribute(n, "is").getIntsList());
        assertEquals(List.of(0.25f, 2f), attribute(n, "fs").getFloatsList());
        assertEquals(AttributeProto.AttributeType.TENSOR, attribute(n, "t").getType());
        assertEquals(value, attribute(n, "t").getT());
    }

    @Test
    void nodeNamesDefaultToTheInventedOnes() {
        ModelBuilder b = new ModelBuilder("g").input("x", 2);
        NodeBuilder relu = b.node("Relu", "x");
        NodeBuilder tanh = b.node("Tanh", relu.output());
        ModelProto m = b.output(tanh.output()).build();
        assertEquals("Relu_0", m.getGraph().getNode(0).getName());
        assertEquals("relu_0", relu.output());
        assertEquals("Tanh_1", m.getGraph().getNode(1).getName());
        assertEquals(List.of("relu_0"), m.getGraph().getNode(1).getInputList());
    }

    @Test
    void initializersAreLittleEndianRawData() {
        ModelProto m = new ModelBuilder("g").input("x", 2).initializer("w", new float[] {1.5f, -2f}, 2)
                .int64Initializer("shape", new long[] {2, 1}, 2)
                .node("Reshape").inputs("x", "shape").outputs("y").model().output("y").build();
        TensorProto w = m.getGraph().getInitializer(0);
        assertEquals(TensorProto.DataType.FLOAT_VALUE, w.getDataType());
        ByteBuffer raw = w.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, raw.getFloat(0));
        assertEquals(-2f, raw.getFloat(4));
        TensorProto shape = m.getGraph().getInitializer(1);
        assertEquals(TensorProto.DataType.INT64_VALUE, shape.getDataType());
        assertEquals(1L, shape.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong(8));
    }

    @Test
    void brokenGraphsAreRefused() {
        NeuroLensException unknown = assertThrows(NeuroLensException.class, () -> new ModelBuilder("g").input("x", 2)
                .node("Add").name("add").inputs("x", "nowhere").outputs("y").model().output("y").build());
        assertTrue(unknown.getMessage().contains("'add'") && unknown.getMessage().contains("'nowhere'"),
                unknown.getMessage());
        NeuroLensException output = assertThrows(NeuroLensException.class, () -> new ModelBuilder("g").input("x", 2)
                .node("Relu").inputs("x").outputs("y").model().output("z").build());
        assertTrue(output.getMessage().contains("'z'"), output.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorProtos.floats("w", new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder("g").initializer(
                TensorProtos.floats("", new float[1], 1)));
    }

    @Test
    void randomWeightsAreReproducibleAndShaped() {
        assertArrayEquals(new RandomWeights(3).uniform(10, -1, 1), new RandomWeights(3).uniform(10, -1, 1));
        float[] distinct = new RandomWeights(4).distinct(50, -1, 1);
        float[] sorted = distinct.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            assertTrue(sorted[i] - sorted[i - 1] >= 2.0 / 50 / 3 - 1e-6, "gap " + (sorted[i] - sorted[i - 1]));
        }
        assertTrue(sorted[0] >= -1 && sorted[49] < 1);
        for (float v : new RandomWeights(5).awayFrom(1000, -1, 1, 0.05, 0, 0.5)) {
            assertTrue(Math.abs(v) >= 0.05 && Math.abs(v - 0.5) >= 0.05, "near a kink: " + v);
        }
        for (float v : new RandomWeights(6).signed(1000, 0.5, 1.5)) {
            assertTrue(Math.abs(v) >= 0.5 && Math.abs(v) < 1.5);
        }
        float[] he = new RandomWeights(8).he(20_000, 50);
        double var = 0;
        for (float v : he) {
            var += v * v;
        }
        assertEquals(2.0 / 50, var / he.length, 0.002, "He variance");
        assertThrows(IllegalArgumentException.class, () -> new RandomWeights(1).awayFrom(1, 0, 1, 0.5, 0.5));
    }

    private static AttributeProto attribute(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }
}
