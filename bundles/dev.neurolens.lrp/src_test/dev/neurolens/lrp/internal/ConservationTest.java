package dev.neurolens.lrp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import com.google.protobuf.ByteString;
import dev.neurolens.testing.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conservation: without biases and with ε → 0, the relevance summed over every layer that all
 * paths go through equals the output relevance (1 for a one-hot), to 1e-4 relative — on a small
 * sequential CNN (with a BatchNormalization merged by the canonizer, max and average pooling) and
 * on a bias-free copy of the bundled ResNet-20 (residual sums split by the z-rule), for the
 * conserving composites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConservationTest {
    /**
     * Composites that conserve relevance at every unit whose output is not 0: ε (z ≠ 0), γ (z↑ &gt; 0
     * where z &gt; 0 and z↓ &lt; 0 where z &lt; 0), flat and z^B. z⁺ conserves only where some
     * contribution is positive: in a residual block the second convolution's units with a negative
     * output receive (negative) relevance from the sum's z-rule, and where all their contributions
     * are negative ({@code z⁺ = 0}) it is dropped (as in Zennit).
     */
    private static final List<String> CONSERVING = List.of("all-epsilon", "epsilon-gamma-box");
    private static final List<String> SEQUENTIAL = List.of("epsilon-plus", "epsilon-plus-flat", "epsilon-gamma-box",
            "all-epsilon");
    private static final List<String> CNN_TAPS = List.of("r1", "p1", "r2", "p2", "f");
    private static final List<String> RESNET_TAPS = List.of("/Relu_output_0", "/layer1/layer1.0/Relu_1_output_0",
            "/layer1/layer1.2/Relu_1_output_0", "/layer2/layer2.0/Relu_1_output_0", "/layer2/layer2.2/Relu_1_output_0",
            "/layer3/layer3.0/Relu_1_output_0", "/layer3/layer3.2/Relu_1_output_0", "/GlobalAveragePool_output_0");

    private final LrpExplainer lrp = new LrpExplainer();
    private Engine engine;
    private Path dir;

    @BeforeAll
    void open(@TempDir Path tmp) throws Exception {
        dir = tmp; // deleted after the class's tests
        // a third-party composite, as a bundle would register it: LRP-ε on every layer
        lrp.addComposite(new dev.neurolens.lrp.composite.LayerTypeComposite("all-epsilon", "ε everywhere", "epsilon",
                "epsilon", null, false));
        engine = Engine.start();
    }

    @AfterAll
    void close() {
        engine.close();
    }

    /**
     * {@code Conv → Relu → MaxPool → Conv → BatchNorm → Relu → AveragePool → Flatten → Gemm}, no
     * biases (the BatchNormalization has zero mean and shift, so the merged bias is 0 too).
     */
    private Path sequentialCnn() {
        RandomWeights r = new RandomWeights(3);
        return new ModelBuilder("cnn").input("x", -1, 3, 8, 8)
                .initializer("w1", r.he(8 * 3 * 9, 27), 8, 3, 3, 3)
                .initializer("w2", r.he(8 * 8 * 9, 72), 8, 8, 3, 3)
                .initializer("scale", r.uniform(8, 0.5, 1.5), 8).initializer("shift", new float[8], 8)
                .initializer("mean", new float[8], 8).initializer("var", r.uniform(8, 0.5, 2), 8)
                .initializer("w3", r.he(10 * 32, 32), 10, 32)
                .node("Conv").name("c1").inputs("x", "w1").outputs("a1").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("relu1").inputs("a1").outputs("r1").model()
                .node("MaxPool").name("mp").inputs("r1").outputs("p1").ints("kernel_shape", 2, 2).ints("strides", 2, 2)
                .model()
                .node("Conv").name("c2").inputs("p1", "w2").outputs("a2").ints("pads", 1, 1, 1, 1).model()
                .node("BatchNormalization").name("bn").inputs("a2", "scale", "shift", "mean", "var").outputs("b2").model()
                .node("Relu").name("relu2").inputs("b2").outputs("r2").model()
                .node("AveragePool").name("ap").inputs("r2").outputs("p2").ints("kernel_shape", 2, 2)
                .ints("strides", 2, 2).model()
                .node("Flatten").name("flat").inputs("p2").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w3").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("cnn.onnx"));
    }

    /** A copy of ResNet-20 (and its sidecar) with every Conv and Gemm bias set to zero. */
    private Path biasFreeResNet() throws Exception {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(Engine.resnet20()));
        Set<String> biases = new HashSet<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            if ((n.getOpType().equals("Conv") || n.getOpType().equals("Gemm")) && n.getInputCount() > 2) {
                biases.add(n.getInput(2));
            }
        }
        GraphProto.Builder g = m.getGraph().toBuilder();
        int zeroed = 0;
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (biases.contains(t.getName())) {
                long n = t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
                g.setInitializer(i, t.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(new byte[(int) n * 4])));
                zeroed++;
            }
        }
        assertEquals(20, zeroed, "19 conv biases and the dense one");
        Path copy = dir.resolve("resnet20_cifar10.onnx");
        Files.write(copy, m.toBuilder().setGraph(g).build().toByteArray());
        Path sidecar = Engine.models().resolve("resnet20_cifar10.neurolens.properties");
        Files.copy(sidecar, dir.resolve(sidecar.getFileName()));
        return copy;
    }

    /** The relevance of the input and every tap for a one-hot of {@code target}, summed per image. */
    private Map<String, double[]> sums(LoadedModel model, String composite, Tensor x, int target, List<String> taps) {
        Map<String, String> p = new HashMap<>(Map.of("composite", composite, "epsilon", "1e-9", "stabilizer", "1e-9"));
        if (composite.equals("epsilon-gamma-box")) {
            p.put("low", "-3");
            p.put("high", "3");
        }
        Assignment a = lrp.assign(model, lrp.resolve(p));
        List<String> wrt = new ArrayList<>(List.of(GradientPass.inputName(model)));
        wrt.addAll(taps);
        ExplanationPlan plan = new ExplanationPlan(GradientPass.outputName(model), wrt, a.overrides(), Map.of(),
                List.of());
        int n = x.dim(0);
        int[] classes = new int[n];
        java.util.Arrays.fill(classes, target);
        GradientPass.Outputs out = GradientPass.compile(model, plan).run(x,
                dev.neurolens.attribution.support.Targets.oneHot(classes, new int[] {10}), Progress.NONE);
        Map<String, double[]> sums = new HashMap<>();
        for (String t : wrt) {
            Tensor r = out.gradient(t);
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = TensorMath.sum(r.slice(i));
            }
            sums.put(t, s);
        }
        return sums;
    }

    private void assertConserved(LoadedModel model, Tensor x, List<String> taps, String what,
            List<String> composites) {
        for (String composite : composites) {
            for (int target : new int[] {3, 7}) {
                Map<String, double[]> sums = sums(model, composite, x, target, taps);
                for (Map.Entry<String, double[]> e : sums.entrySet()) {
                    for (int i = 0; i < e.getValue().length; i++) {
                        double s = e.getValue()[i];
                        final int image = i;
                        assertTrue(Math.abs(s - 1) <= 1e-4, what + ", " + composite + ", target " + target + ", image "
                                + i + ": relevance at '" + e.getKey() + "' sums to " + s + ", not 1; all: "
                                + sums.entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()[image]).toList());
                    }
                }
            }
        }
    }

    @Test
    void relevanceIsConservedLayerByLayerInASequentialCnn() throws Exception {
        RandomWeights r = new RandomWeights(5);
        try (LoadedModel model = engine.open(sequentialCnn())) {
            assertConserved(model, Tensor.wrap(r.normal(2 * 3 * 64, 1), 2, 3, 8, 8), CNN_TAPS, "sequential CNN",
                    SEQUENTIAL);
        }
    }

    @Test
    void relevanceIsConservedBlockByBlockInABiasFreeResNet20() throws Exception {
        Tensor chelsea = Npy.read(Engine.chelseaInput());
        RandomWeights r = new RandomWeights(9);
        float[] both = new float[2 * 3 * 32 * 32];
        System.arraycopy(chelsea.data(), 0, both, 0, 3 * 32 * 32);
        System.arraycopy(r.normal(3 * 32 * 32, 1), 0, both, 3 * 32 * 32, 3 * 32 * 32);
        try (LoadedModel model = engine.open(biasFreeResNet())) {
            assertConserved(model, Tensor.wrap(both, 2, 3, 32, 32), RESNET_TAPS, "bias-free ResNet-20", CONSERVING);
            // z⁺ drops the relevance of residual units without positive contributions: close, not exact
            double s = sums(model, "epsilon-plus", Tensor.wrap(both, 2, 3, 32, 32), 7, List.of())
                    .get(GradientPass.inputName(model))[0];
            assertTrue(Math.abs(s - 1) < 1e-3, "z+ on the bias-free ResNet-20: " + s);
        }
    }

    @Test
    void withBiasesRelevanceIsNotConserved() throws Exception {
        Tensor chelsea = Npy.read(Engine.chelseaInput()).reshape(1, 3, 32, 32);
        try (LoadedModel model = engine.open(Engine.resnet20())) {
            double s = sums(model, "epsilon-plus", chelsea, 3, List.of()).get(GradientPass.inputName(model))[0];
            assertTrue(Math.abs(s - 1) > 1e-3, "the biases absorb relevance, so the test above can fail: " + s);
        }
    }
}
