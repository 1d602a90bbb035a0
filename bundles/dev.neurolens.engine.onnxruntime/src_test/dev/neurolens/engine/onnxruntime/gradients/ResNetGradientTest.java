package dev.neurolens.engine.onnxruntime.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.reference.Difference;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.FiniteDifferences;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole of ResNet-20: the engine's gradient of ⟨seed, logits⟩ with respect to the input and
 * to intermediate tensors, against float64 directional finite differences of the reference
 * evaluator, {@code ⟨g, d⟩ ≈ (f(x + hd) − f(x − hd)) / 2h}, along random directions and along g
 * itself.
 *
 * <p>The error is measured as {@code |⟨g, d⟩ − fd| / (‖g‖₂·‖d‖₂)} (the Cauchy–Schwarz bound of
 * ⟨g, d⟩, so it scales with the gradient's norm and does not blow up where a random direction is
 * nearly orthogonal to g), tolerance {@value #TOLERANCE}: the float32 gradient of a 20-layer network
 * is off by about 1e-6 relative per element, and its projection on a direction averages such
 * errors out. A direction whose step crosses a ReLU kink (asymmetric one-sided differences) is
 * retried with a step ten times smaller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResNetGradientTest {
    private static final String LAST_BLOCK = "/layer3/layer3.2/Relu_1_output_0";
    private static final String LAYER1 = "/layer1/layer1.2/Relu_1_output_0";
    private static final double TOLERANCE = 1e-4;
    private static final double KINK = 1e-5;
    private static final int RANDOM_DIRECTIONS = 3;

    private final ReferenceEvaluator reference = new ReferenceEvaluator();
    private final ErrorTable table = new ErrorTable("ResNetGradientTest");
    private EngineServices engine;
    private LoadedModel model;
    private GraphRunner runner;
    private ModelProto proto;
    private Tensor batch;
    private Tensor seed;
    private Map<String, DoubleTensor> forward;

    @BeforeAll
    void open() throws Exception {
        Path file = EngineServices.model("resnet20_cifar10.onnx");
        engine = EngineServices.start();
        model = engine.open(file);
        runner = model.capability(GraphRunner.class).orElseThrow();
        proto = OnnxModelReader.read(file);
        // the chelsea photo and a random image, a batch of two
        Tensor chelsea = Npy.read(EngineServices.model("resnet20_cifar10.chelsea.input.npy"));
        float[] x = new float[2 * 3 * 32 * 32];
        System.arraycopy(chelsea.data(), 0, x, 0, chelsea.size());
        float[] noise = new RandomWeights(1).normal(chelsea.size(), 1);
        System.arraycopy(noise, 0, x, chelsea.size(), noise.length);
        batch = Tensor.wrap(x, 2, 3, 32, 32);
        seed = Tensor.wrap(new RandomWeights(2).uniform(20, -1, 1), 2, 10);
        forward = reference.evaluate(proto, Map.of("input", DoubleTensor.ofFloats(x, 2, 3, 32, 32)));
    }

    @AfterAll
    void close() {
        table.print();
        model.close();
        engine.close();
    }

    @Test
    void gradientWithRespectToTheInput() {
        check("input", 10);
    }

    @Test
    void gradientWithRespectToTheLastBlock() {
        check(LAST_BLOCK, 20);
    }

    @Test
    void gradientWithRespectToTheOutputOfLayer1() {
        check(LAYER1, 30);
    }

    private void check(String wrt, long directionSeed) {
        CompiledGraph graph = runner.compile(ExplanationPlan.gradient("logits", List.of(wrt)));
        Tensor g = runner.run(graph, batch, seed, Progress.NONE).get(graph.gradients().get(wrt));
        DoubleTensor point = forward.get(wrt);
        assertArrayEquals(point.shape(), g.shape(), "the gradient has the tensor's shape");
        DoubleTensor grad = DoubleTensor.ofFloats(g.data(), g.shape());
        FiniteDifferences fd = new FiniteDifferences(FiniteDifferences.seededOutput(reference, proto,
                Map.of("input", forward.get("input")), wrt, "logits", DoubleTensor.ofFloats(seed.data(), seed.shape())));
        List<DoubleTensor> directions = new ArrayList<>();
        directions.add(grad);
        RandomWeights r = new RandomWeights(directionSeed);
        for (int k = 0; k < RANDOM_DIRECTIONS; k++) {
            directions.add(DoubleTensor.ofFloats(r.normal(point.size(), 1), point.shape()));
        }
        double worst = 0;
        StringBuilder line = new StringBuilder("d/d" + wrt + ":");
        for (int k = 0; k < directions.size(); k++) {
            DoubleTensor d = directions.get(k);
            double bound = grad.norm() * d.norm();
            Difference diff = kinkFree(fd, point, d, bound);
            double projected = grad.dot(d);
            double error = Math.abs(projected - diff.central()) / bound;
            worst = Math.max(worst, error);
            line.append(String.format(" [%s: <g,d> %.6g, fd %.6g, err/(|g||d|) %.1e, rel to fd %.1e]",
                    k == 0 ? "d=g" : "random", projected, diff.central(), error,
                    Math.abs(projected - diff.central()) / Math.abs(diff.central())));
            assertTrue(error <= TOLERANCE, wrt + " direction " + k + ": " + line);
        }
        table.add("ResNet-20", line.toString(), worst);
    }

    /** The directional difference, with the step shrunk while a kink lies within it. */
    private static Difference kinkFree(FiniteDifferences fd, DoubleTensor x, DoubleTensor d, double bound) {
        Difference diff = fd.directional(x, d);
        for (int i = 0; i < 3 && diff.asymmetry() > KINK * bound; i++) {
            diff = fd.directional(x, d, diff.step() / 10);
        }
        return diff;
    }
}
