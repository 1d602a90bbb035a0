package dev.neurolens.graph.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.graph.NodeNames;
import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelNormalizerTest {

    static Path resnet20() {
        Path model = Path.of(System.getProperty("neurolens.models", "../../models")).resolve("resnet20_cifar10.onnx");
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("test model not found at " + model.toAbsolutePath());
        }
        return model;
    }

    @Test
    void resnet20NeedsOnlyTheOpsetAndIrBump() {
        ModelProto m = OnnxModelReader.read(resnet20());
        long start = System.nanoTime();
        Normalized n = ModelNormalizer.normalize(m);
        long took = System.nanoTime() - start;
        System.out.printf("NORMALIZE resnet20: %.2f ms (first call, JIT cold), changes %s%n", took / 1e6, n.changes());
        assertEquals(List.of("opset 13 -> 17", "IR version 7 -> 8 (opset 17 needs IR 8)"), n.changes());
        assertFalse(n.graphRewritten());
        assertEquals(m.getGraph(), n.model().getGraph(), "the graph is the file's");
        for (int i = 0; i < 20; i++) {
            ModelNormalizer.normalize(m);
        }
        start = System.nanoTime();
        ModelNormalizer.normalize(m);
        System.out.printf("NORMALIZE resnet20 (warm): %.3f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @Test
    void unnamedNodesGetTheNamesOfTheFileBeforeAnythingMoves() {
        ModelProto m = new ModelBuilder("unnamed").opset(11).irVersion(6).input("x", -1, 3, 2, 2)
                .node("Relu").name("").inputs("x").outputs("r").model()
                .node("Softmax").name("").inputs("r").outputs("s").attr("axis", 1L).model()
                .node("Sigmoid").name("").inputs("s").outputs("y").model().output("y").build();
        List<String> fileNames = NodeNames.of(m.getGraph());
        assertEquals(List.of("Relu_0", "Softmax_1", "Sigmoid_2"), fileNames);
        Normalized n = ModelNormalizer.normalize(m);
        List<String> names = Graphs.names(n.model());
        assertTrue(names.containsAll(fileNames), names.toString());
        assertEquals("Softmax", Graphs.node(n.model(), "Softmax_1").getOpType());
        assertEquals("3 unnamed or duplicate node names filled in as <OpType>_<index>", n.changes().get(0));
        assertEquals("opset 11 -> 17", n.changes().get(1));
        assertEquals(names, NodeNames.of(n.model().getGraph()), "every node has a unique name");
    }

    @Test
    void normalizingTwiceChangesNothingTheSecondTime() {
        RandomWeights r = new RandomWeights(2);
        ModelProto m = new ModelBuilder("all").opset(9).irVersion(4).input("x", 1, 2, 4, 4)
                .initializer("w", r.he(3 * 2 * 9, 18), 3, 2, 3, 3).initializer("s", r.uniform(3, 1, 2), 1, 3, 1, 1)
                .initializer("fc", r.he(48 * 4, 48), 48, 4).initializer("b", r.uniform(4, -1, 1), 4)
                .int64Vector("shape", 1, -1)
                .node("Conv").name("conv").inputs("x", "w").outputs("c").ints("pads", 1, 1, 1, 1).model()
                .node("Mul").name("scale").inputs("c", "s").outputs("cs").model()
                .node("Clip").name("relu6").inputs("cs").outputs("a").attr("min", 0f).attr("max", 6f).model()
                .node("Reshape").name("flat").inputs("a", "shape").outputs("f").model()
                .node("MatMul").name("fc").inputs("f", "fc").outputs("z").model()
                .node("Add").name("fc_b").inputs("z", "b").outputs("logits").model()
                .node("Softmax").name("prob").inputs("logits").outputs("y").model().output("y", 1, 4).build();
        Normalized once = ModelNormalizer.normalize(m);
        assertTrue(once.graphRewritten());
        assertEquals(List.of("Conv", "Clip", "Reshape", "Gemm", "Softmax"), Graphs.ops(once.model()), once.changes()
                .toString());
        assertEquals("batch", Graphs.firstDim(once.model(), "x"));
        Normalized twice = ModelNormalizer.normalize(once.model());
        assertSame(once.model(), twice.model());
        assertTrue(twice.changes().isEmpty(), twice.changes().toString());
        System.out.println("NORMALIZE changes: " + String.join("\n  ", once.changes()));
    }
}
