package dev.neurolens.engine.onnxruntime.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.build.NodeBuilder;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference evaluator against ONNX Runtime's forward pass (through the engine adapter), on
 * every model of the gradient tests plus forward-only configurations: the evidence that the
 * reference implements the same ONNX semantics as the engine, so that agreement of gradients
 * means the rules are right. Tolerance {@value #TOLERANCE} relative to the output's ∞-norm
 * (float32 against float64).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceForwardTest {
    private static final double TOLERANCE = 1e-5;

    private final ReferenceEvaluator reference = new ReferenceEvaluator();
    private final ErrorTable table = new ErrorTable("ReferenceForwardTest");
    private EngineServices engine;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        engine = EngineServices.start();
        dir = Files.createTempDirectory("neurolens-forward");
    }

    @AfterAll
    void stop() throws IOException {
        table.print();
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> gradientCaseModels() {
        List<GradientCase> cases = new ArrayList<>();
        cases.addAll(ConvCases.all());
        cases.addAll(PoolCases.all());
        cases.addAll(ElementwiseCases.all());
        cases.addAll(BroadcastCases.all());
        cases.addAll(LinearCases.all());
        cases.addAll(ShapeCases.all());
        cases.addAll(ResizeCases.all());
        cases.addAll(CompositeCases.all());
        cases.addAll(BatchAxisCases.all());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> compare(c)));
    }

    @TestFactory
    Stream<DynamicTest> forwardOnlyConfigurations() {
        return Stream.of(
                pool("MaxPool", "1-D k2 s2 p1 ceil_mode drops a window in the padding", new int[] {1, 1, 5},
                        n -> n.ints("kernel_shape", 2).ints("strides", 2).ints("pads", 1, 1).attr("ceil_mode", 1)),
                pool("AveragePool", "1-D k2 s2 ceil_mode count_include_pad overhang", new int[] {1, 1, 5},
                        n -> n.ints("kernel_shape", 2).ints("strides", 2).attr("ceil_mode", 1).attr("count_include_pad", 1)),
                pool("AveragePool", "k3 s2 p1 ceil_mode count_include_pad 6x6", new int[] {1, 1, 6, 6},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).attr("ceil_mode", 1)
                                .attr("count_include_pad", 1)),
                nearest("round_prefer_ceil"), nearest("floor"), nearest("ceil"),
                reduce("ReduceSum", "axes 1,3 keepdims 0", false, 1, 3),
                reduce("ReduceMean", "axes -1 keepdims 1", true, -1),
                gather(),
                resizeAlignCornersNearest())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> compare(c)));
    }

    @Test
    void resnet20MatchesTheEngineAndPyTorch() {
        Path file = EngineServices.model("resnet20_cifar10.onnx");
        ModelProto proto = OnnxModelReader.read(file);
        Tensor chelsea = Npy.read(EngineServices.model("resnet20_cifar10.chelsea.input.npy"));
        Tensor pytorch = Npy.read(EngineServices.model("resnet20_cifar10.chelsea.logits.npy"));
        DoubleTensor ref = reference.evaluate(proto, Map.of("input", DoubleTensor.ofFloats(chelsea.data(), chelsea.shape())))
                .get("logits");
        Tensor ort;
        try (LoadedModel model = engine.open(file)) {
            ort = model.predict(chelsea);
        }
        double vsOrt = GradientChecker.relative(ort, ref);
        double vsTorch = GradientChecker.relative(pytorch, ref);
        table.add("ResNet-20", String.format("logits vs ONNX Runtime %.1e, vs PyTorch %.1e", vsOrt, vsTorch),
                Math.max(vsOrt, vsTorch));
        assertArrayEquals(pytorch.shape(), ref.shape());
        assertTrue(vsOrt <= TOLERANCE && vsTorch <= TOLERANCE, "ONNX Runtime " + vsOrt + ", PyTorch " + vsTorch);
    }

    private void compare(GradientCase c) throws IOException {
        Path file = Files.write(dir.resolve(c.fileName()), c.model().toByteArray());
        DoubleTensor ref = reference.evaluate(c.model(), Map.of(GradientCase.INPUT, DoubleTensor.ofFloats(c.x(), c.shape())))
                .get(c.output());
        Tensor ort;
        try (LoadedModel model = engine.open(file)) {
            ort = model.run(Tensor.of(c.x(), c.shape()), List.of(c.output()), Progress.NONE).get(c.output());
        }
        double error = GradientChecker.relative(ort, ref);
        table.add(c.op(), String.format("%s: %.1e %s", c.name(), error, java.util.Arrays.toString(ref.shape())), error);
        assertArrayEquals(ref.shape(), ort.shape(), c.name());
        assertTrue(error <= TOLERANCE, c.name() + ": relative difference " + error);
    }

    private static GradientCase pool(String op, String config, int[] x, Consumer<NodeBuilder> attrs) {
        GradientCase.Builder b = GradientCase.of(op, config, 100, x);
        attrs.accept(b.model().node(op).name("pool").inputs("x").outputs("y"));
        return b.build();
    }

    private static GradientCase nearest(String mode) {
        GradientCase.Builder b = GradientCase.of("Resize", "nearest_mode " + mode + " half_pixel x2.5", 101, 1, 2, 4, 4);
        b.model().int64Vector("sizes", 1, 2, 10, 9);
        b.model().node("Resize").name("resize").inputs("x", "", "", "sizes").outputs("y").attr("mode", "nearest")
                .attr("nearest_mode", mode);
        return b.build();
    }

    private static GradientCase resizeAlignCornersNearest() {
        GradientCase.Builder b = GradientCase.of("Resize", "nearest align_corners 3x4 to 5x7", 102, 1, 2, 3, 4);
        b.model().int64Vector("sizes", 1, 2, 5, 7);
        b.model().node("Resize").name("resize").inputs("x", "", "", "sizes").outputs("y").attr("mode", "nearest")
                .attr("coordinate_transformation_mode", "align_corners");
        return b.build();
    }

    private static GradientCase reduce(String op, String config, boolean keep, long... axes) {
        GradientCase.Builder b = GradientCase.of(op, config, 103, 2, 3, 4, 5);
        b.model().int64Vector("axes", axes);
        NodeBuilder n = b.model().node(op).name("reduce").outputs("y").attr("keepdims", keep ? 1 : 0);
        if (op.equals("ReduceSum")) {
            n.inputs("x", "axes"); // an input since opset 13
        } else {
            n.inputs("x").ints("axes", axes); // an attribute until opset 18
        }
        return b.build();
    }

    private static GradientCase gather() {
        GradientCase.Builder b = GradientCase.of("Gather", "float data, negative indices, axis 1", 104, 2, 5, 3);
        b.model().int64Initializer("idx", new long[] {-1, 0, 2, 2}, 2, 2);
        b.model().node("Gather").name("gather").inputs("x", "idx").outputs("y").attr("axis", 1);
        return b.build();
    }
}
