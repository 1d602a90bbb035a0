package dev.neurolens.lrp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule, compiled into the explanation graph and run by ONNX Runtime, against the
 * independent float64 matrix implementation ({@link MatrixLrp}) on random Conv and Gemm layers,
 * with signed inputs and (behind a ReLU) non-negative ones, random biases and random signed
 * output relevances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleTest {
    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 5;
    private static final int OUT = 4;
    private static final int K = 3;
    private static final int FEATURES = C * 2 * 2;
    private static final int DENSE = 5;
    private static final float[] MEAN = {0.4f, 0.5f, 0.6f};
    private static final float[] STD = {0.2f, 0.25f, 0.3f};

    private final LrpExplainer lrp = new LrpExplainer();
    private Engine engine;
    private Path dir;
    private float[] convW;
    private float[] convB;
    private float[] denseW;
    private float[] denseB;

    @BeforeAll
    void open(@TempDir Path tmp) throws Exception {
        dir = tmp; // deleted after the class's tests
        engine = Engine.start();
        RandomWeights r = new RandomWeights(7);
        convW = r.normal(OUT * C * K * K, 0.5);
        convB = r.normal(OUT, 0.3);
        denseW = r.normal(DENSE * FEATURES, 0.5);
        denseB = r.normal(DENSE, 0.3);
    }

    @AfterAll
    void close() {
        engine.close();
    }

    /** {@code x → [Relu] → Conv(stride, pad 1) → y}. */
    private Path convModel(boolean relu, int stride) {
        int o = (H + 2 - K) / stride + 1;
        ModelBuilder m = new ModelBuilder("conv").input("x", -1, C, H, H).initializer("w", convW, OUT, C, K, K)
                .initializer("b", convB, OUT);
        if (relu) {
            m.node("Relu").name("relu").inputs("x").outputs("r");
        }
        return m.node("Conv").name("conv").inputs(relu ? "r" : "x", "w", "b").outputs("y").ints("pads", 1, 1, 1, 1)
                .ints("strides", stride, stride).ints("kernel_shape", K, K).model()
                .output("y", -1, OUT, o, o).write(dir.resolve("conv-" + relu + "-" + stride + ".onnx"));
    }

    /** {@code x → [Relu] → Flatten → Gemm(transB) → y}. */
    private Path denseModel(boolean relu) {
        ModelBuilder m = new ModelBuilder("dense").input("x", -1, C, 2, 2).initializer("w", denseW, DENSE, FEATURES)
                .initializer("b", denseB, DENSE);
        if (relu) {
            m.node("Relu").name("relu").inputs("x").outputs("r");
        }
        return m.node("Flatten").name("flat").inputs(relu ? "r" : "x").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w", "b").outputs("y").attr("transB", 1).model()
                .output("y", -1, DENSE).write(dir.resolve("dense-" + relu + ".onnx"));
    }

    /** {@code x → (x − mean) / std → Conv → y}: normalization nodes in the graph. */
    private Path normalizedConvModel() {
        return new ModelBuilder("norm-conv").input("x", -1, C, H, H).initializer("w", convW, OUT, C, K, K)
                .initializer("b", convB, OUT).initializer("mean", MEAN, 1, C, 1, 1).initializer("std", STD, 1, C, 1, 1)
                .node("Sub").name("sub").inputs("x", "mean").outputs("centred").model()
                .node("Div").name("div").inputs("centred", "std").outputs("n").model()
                .node("Conv").name("conv").inputs("n", "w", "b").outputs("y").ints("pads", 1, 1, 1, 1)
                .ints("kernel_shape", K, K).model()
                .output("y", -1, OUT, H, H).write(dir.resolve("norm-conv.onnx"));
    }

    /** The input relevance of the compiled graph for the given parameters and output relevance. */
    private Tensor relevance(LoadedModel model, Map<String, String> params, Tensor x, Tensor seed) {
        Assignment a = lrp.assign(model, lrp.resolve(params));
        ExplanationPlan plan = new ExplanationPlan(GradientPass.outputName(model),
                List.of(GradientPass.inputName(model)), a.overrides(), Map.of(), List.of());
        return GradientPass.compile(model, plan).run(x, seed, Progress.NONE).gradient();
    }

    private interface Reference {
        double[] of(MatrixLrp layer, double[] x, double[] r);
    }

    private void check(String rule, Map<String, String> extra, Reference ref) throws Exception {
        check(rule, extra, ref, new boolean[] {false, true});
    }

    private void check(String rule, Map<String, String> extra, Reference ref, boolean[] relus) throws Exception {
        for (boolean relu : relus) {
            for (int stride : new int[] {1, 2}) {
                int o = (H + 2 - K) / stride + 1;
                MatrixLrp layer = new MatrixLrp(MatrixLrp.conv(convW, OUT, C, K, H, H, stride, 1), doubles(convB, o * o));
                compare(convModel(relu, stride), "conv", rule, extra, layer, relu, C * H * H, OUT * o * o, ref,
                        new int[] {N, C, H, H}, new int[] {N, OUT, o, o});
            }
            MatrixLrp dense = new MatrixLrp(MatrixLrp.dense(denseW, DENSE, FEATURES), doubles(denseB, 1));
            compare(denseModel(relu), "fc", rule, extra, dense, relu, FEATURES, DENSE, ref, new int[] {N, C, 2, 2},
                    new int[] {N, DENSE});
        }
    }

    private void compare(Path file, String node, String rule, Map<String, String> extra, MatrixLrp layer,
            boolean relu, int in, int out, Reference ref, int[] xShape, int[] yShape) throws Exception {
        RandomWeights r = new RandomWeights(rule.hashCode() + 31L * in);
        float[] x = r.normal(N * in, 1.0);
        float[] seed = r.normal(N * out, 1.0);
        Map<String, String> params = new HashMap<>(extra);
        params.put("rules", node + ":" + rule);
        Tensor got;
        try (LoadedModel model = engine.open(file)) {
            got = relevance(model, params, Tensor.wrap(x, xShape), Tensor.wrap(seed, yShape));
        }
        assertEquals(N * in, got.size());
        for (int i = 0; i < N; i++) {
            double[] xi = new double[in];
            for (int j = 0; j < in; j++) {
                xi[j] = relu ? Math.max(0, x[i * in + j]) : x[i * in + j];
            }
            double[] ri = new double[out];
            for (int k = 0; k < out; k++) {
                ri[k] = seed[i * out + k];
            }
            double[] want = ref.of(layer, xi, ri);
            assertClose(want, got, i * in, rule + " on " + file.getFileName() + ", sample " + i);
        }
    }

    static void assertClose(double[] want, Tensor got, int offset, String what) {
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertTrue(scale > 1e-3, what + ": the reference is not trivially zero");
        for (int j = 0; j < want.length; j++) {
            double diff = Math.abs(want[j] - got.get(offset + j));
            assertTrue(diff <= 2e-4 * scale + 1e-6, what + ": element " + j + " is " + got.get(offset + j)
                    + ", the matrix form gives " + want[j]);
        }
    }

    /** The bias repeated over {@code positions} output positions per channel. */
    private static double[] doubles(float[] bias, int positions) {
        double[] b = new double[bias.length * positions];
        for (int c = 0; c < bias.length; c++) {
            for (int p = 0; p < positions; p++) {
                b[c * positions + p] = bias[c];
            }
        }
        return b;
    }

    @Test
    void lrpZeroAndEpsilon() throws Exception {
        check("zero", Map.of(), (l, x, r) -> l.epsilon(x, r, 0));
        check("epsilon", Map.of("epsilon", "0.25"), (l, x, r) -> l.epsilon(x, r, 0.25));
    }

    @Test
    void zPlusAndAlphaBeta() throws Exception {
        check("zplus", Map.of(), (l, x, r) -> l.zPlus(x, r));
        check("alpha1-beta0", Map.of(), (l, x, r) -> l.alphaBeta(x, r, 1, 0));
        check("alpha2-beta1", Map.of(), (l, x, r) -> l.alphaBeta(x, r, 2, 1));
        check("alpha-beta", Map.of("alpha", "3"), (l, x, r) -> l.alphaBeta(x, r, 3, 2));
    }

    @Test
    void gamma() throws Exception {
        check("gamma", Map.of(), (l, x, r) -> l.gamma(x, r, 0.25));
        check("gamma", Map.of("gamma", "2"), (l, x, r) -> l.gamma(x, r, 2));
    }

    @Test
    void flatAndWSquare() throws Exception {
        float[] ones = new float[OUT * C * K * K];
        java.util.Arrays.fill(ones, 1f);
        float[] denseOnes = new float[DENSE * FEATURES];
        java.util.Arrays.fill(denseOnes, 1f);
        check("flat", Map.of(), (l, x, r) -> l.flat(structure(x.length, r.length, ones, denseOnes), r));
        check("wsquare", Map.of(), (l, x, r) -> l.wSquare(r));
    }

    /** The all-ones layer of the shape the sizes identify. */
    private static double[][] structure(int in, int out, float[] convOnes, float[] denseOnes) {
        if (in == FEATURES) {
            return MatrixLrp.dense(denseOnes, DENSE, FEATURES);
        }
        int stride = out == OUT * H * H ? 1 : 2;
        return MatrixLrp.conv(convOnes, OUT, C, K, H, H, stride, 1);
    }

    @Test
    void zBoxWithPerChannelBounds() throws Exception {
        float[] low = {-1f, -2f, -1.5f};
        float[] high = {1f, 2f, 0.5f};
        Map<String, String> bounds = Map.of("low", "-1,-2,-1.5", "high", "1,2,0.5");
        // z^B is for first layers only: the input reaches the layer through no ReLU
        check("zbox", bounds, (l, x, r) -> l.zBox(x, perElement(low, x.length), perElement(high, x.length), r),
                new boolean[] {false});
    }

    /** Per-channel values spread over a [C, ...] sample of {@code n} elements. */
    private static double[] perElement(float[] perChannel, int n) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = perChannel[j / (n / C)];
        }
        return v;
    }

    @Test
    void zBoxBoundsArePushedThroughNormalizationNodes() throws Exception {
        MatrixLrp layer = new MatrixLrp(MatrixLrp.conv(convW, OUT, C, K, H, H, 1, 1), doubles(convB, H * H));
        int in = C * H * H;
        RandomWeights r = new RandomWeights(11);
        float[] x = r.uniform(N * in, 0, 1);
        float[] seed = r.normal(N * OUT * H * H, 1);
        Tensor got;
        try (LoadedModel model = engine.open(normalizedConvModel())) {
            // bounds of the model input [0, 1], given as numbers; the graph normalizes them per channel
            got = relevance(model, Map.of("rules", "conv:zbox", "low", "0", "high", "1"),
                    Tensor.wrap(x, N, C, H, H), Tensor.wrap(seed, N, OUT, H, H));
        }
        float[] lowN = new float[C];
        float[] highN = new float[C];
        for (int c = 0; c < C; c++) {
            lowN[c] = (0 - MEAN[c]) / STD[c];
            highN[c] = (1 - MEAN[c]) / STD[c];
        }
        for (int i = 0; i < N; i++) {
            double[] xi = new double[in];
            for (int j = 0; j < in; j++) {
                int c = j / (H * H);
                xi[j] = (x[i * in + j] - MEAN[c]) / STD[c];
            }
            double[] ri = new double[OUT * H * H];
            for (int k = 0; k < ri.length; k++) {
                ri[k] = seed[i * ri.length + k];
            }
            double[] want = layer.zBox(xi, perElement(lowN, in), perElement(highN, in), ri);
            assertClose(want, got, i * in, "zbox behind Sub/Div, sample " + i);
        }
    }
}
