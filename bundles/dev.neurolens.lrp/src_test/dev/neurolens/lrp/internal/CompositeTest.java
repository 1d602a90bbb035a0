package dev.neurolens.lrp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.lrp.LayerSlot;
import dev.neurolens.lrp.LrpComposite;
import dev.neurolens.lrp.LrpRuleFactory;
import dev.neurolens.lrp.RuleSettings;
import dev.neurolens.lrp.rules.Epsilon;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composites assign the expected rule to every node of hand-built models (known answers), the
 * canonizer merges BatchNormalization and splits residual sums, and every node without a rule
 * fails with its name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompositeTest {
    private static final float[] MEAN = {0.5f, 0.4f, 0.3f};
    private static final float[] STD = {0.25f, 0.5f, 0.2f};

    private final LrpExplainer lrp = new LrpExplainer();
    private Engine engine;
    private Path dir;
    private LoadedModel dag;

    @BeforeAll
    void open(@TempDir Path tmp) throws Exception {
        dir = tmp; // deleted after the class's tests
        engine = Engine.start();
        dag = engine.open(dag());
    }

    @AfterAll
    void close() {
        dag.close();
        engine.close();
    }

    private static ModelBuilder base(String name) {
        RandomWeights r = new RandomWeights(1);
        return new ModelBuilder(name).input("x", -1, 3, 4, 4)
                .initializer("wa", r.normal(4 * 3 * 9, 0.3), 4, 3, 3, 3).initializer("wb", r.normal(4 * 3 * 9, 0.3), 4, 3, 3, 3)
                .initializer("w2", r.normal(4 * 4 * 9, 0.3), 4, 4, 3, 3).initializer("fcw", r.normal(10 * 4, 0.3), 10, 4)
                .initializer("scale", r.uniform(4, 0.5, 1.5), 4).initializer("shift", r.normal(4, 0.1), 4)
                .initializer("mu", r.normal(4, 0.1), 4).initializer("var", r.uniform(4, 0.5, 1.5), 4);
    }

    /**
     * {@code (x − mean)/std} feeding two convolutions (both first layers), ReLUs, their residual
     * sum, a Conv + BatchNorm + ReLU, global average pooling, Flatten and a dense layer.
     */
    private Path dag() {
        return base("dag").initializer("mean", MEAN, 1, 3, 1, 1).initializer("std", STD, 1, 3, 1, 1)
                .node("Sub").name("sub").inputs("x", "mean").outputs("c").model()
                .node("Div").name("div").inputs("c", "std").outputs("n").model()
                .node("Conv").name("c1a").inputs("n", "wa").outputs("a").ints("pads", 1, 1, 1, 1).model()
                .node("Conv").name("c1b").inputs("n", "wb").outputs("b").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("ra").inputs("a").outputs("ra").model()
                .node("Relu").name("rb").inputs("b").outputs("rb").model()
                .node("Add").name("res").inputs("ra", "rb").outputs("s").model()
                .node("Conv").name("c2").inputs("s", "w2").outputs("z2").ints("pads", 1, 1, 1, 1).model()
                .node("BatchNormalization").name("bn").inputs("z2", "scale", "shift", "mu", "var").outputs("y2").model()
                .node("Relu").name("r2").inputs("y2").outputs("r2").model()
                .node("GlobalAveragePool").name("gap").inputs("r2").outputs("g").model()
                .node("Flatten").name("flat").inputs("g").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fcw").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("dag.onnx"));
    }

    private Assignment assign(LoadedModel model, Map<String, String> params) {
        return lrp.assign(model, lrp.resolve(params));
    }

    private static Map<String, String> rules(String... nodeRule) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nodeRule.length; i += 2) {
            m.put(nodeRule[i], nodeRule[i + 1]);
        }
        return m;
    }

    @Test
    void compositesAssignZennitsRulesWithBothConvolutionsOfTheDagAsFirstLayers() {
        assertEquals(rules("c1a", "zplus", "c1b", "zplus", "c2", "zplus", "fc", "epsilon"),
                assign(dag, Map.of("composite", "epsilon-plus")).linearRules());
        assertEquals(rules("c1a", "flat", "c1b", "flat", "c2", "zplus", "fc", "epsilon"),
                assign(dag, Map.of("composite", "epsilon-plus-flat")).linearRules());
        assertEquals(rules("c1a", "zbox", "c1b", "zbox", "c2", "gamma", "fc", "epsilon"),
                assign(dag, Map.of("composite", "epsilon-gamma-box")).linearRules());
        assertEquals(rules("c1a", "alpha2-beta1", "c1b", "alpha2-beta1", "c2", "alpha2-beta1", "fc", "epsilon"),
                assign(dag, Map.of("composite", "epsilon-alpha2-beta1")).linearRules());
        assertEquals(rules("c1a", "flat", "c1b", "flat", "c2", "alpha2-beta1", "fc", "epsilon"),
                assign(dag, Map.of("composite", "epsilon-alpha2-beta1-flat")).linearRules());
        assertEquals(List.of("c1a", "c1b"), assign(dag, Map.of()).firstLayers());
        assertEquals("flat", assign(dag, Map.of()).linearRules().get("c1a"), "default: epsilon-plus-flat");
    }

    @Test
    void rulesByNodeNameOverrideTheComposite() {
        assertEquals(rules("c1a", "zbox", "c1b", "flat", "c2", "wsquare", "fc", "zero"),
                assign(dag, Map.of("composite", "epsilon-gamma-box", "rules", "c1b:flat, c2:wsquare,fc:zero"))
                        .linearRules());
    }

    @Test
    void theCanonizerMergesBatchNormSplitsTheResidualSumAndPassesTheRest() {
        Map<String, dev.neurolens.graph.compile.BackwardRule> o = assign(dag, Map.of()).overrides();
        LinearRule c2 = (LinearRule) o.get("c2");
        assertEquals("bn", c2.fold().node(), "the BatchNormalization is merged into c2");
        assertEquals(new Through(0), o.get("bn"));
        assertTrue(c2.nonNegativeInput(), "a sum of ReLUs is non-negative");
        assertFalse(((LinearRule) o.get("c1a")).nonNegativeInput(), "normalized pixels are signed");
        assertInstanceOf(SumSplit.class, o.get("res"));
        assertInstanceOf(Proportional.class, o.get("gap"));
        assertEquals(new Through(0), o.get("ra"));
        assertEquals(new Through(0), o.get("sub"), "a constant operand is a normalization, not a split");
        assertEquals(new Through(0), o.get("div"));
        assertEquals(13, o.size(), "every node on the path has an explicit rule: " + o.keySet());
    }

    @Test
    void boxBoundsArePushedThroughTheNormalizationToEveryFirstLayer() {
        Assignment a = assign(dag, Map.of("composite", "epsilon-gamma-box", "low", "0", "high", "1"));
        for (String first : List.of("c1a", "c1b")) {
            float[][] b = ((LinearRule) a.overrides().get(first)).bounds().arrays();
            for (int c = 0; c < 3; c++) {
                assertEquals((0 - MEAN[c]) / STD[c], b[0][c], 1e-6);
                assertEquals((1 - MEAN[c]) / STD[c], b[1][c], 1e-6);
            }
        }
        assertEquals(null, ((LinearRule) a.overrides().get("c2")).bounds(), "not a first layer");
        // auto: black and white pixels after the model's preprocessing (plain [0, 1] without a sidecar)
        float[][] auto = ((LinearRule) assign(dag, Map.of("composite", "epsilon-gamma-box")).overrides().get("c1a"))
                .bounds().arrays();
        assertArrayEquals(new float[] {-2f, -0.8f, -1.5f}, auto[0], 1e-6f);
    }

    @Test
    void aDenseFirstLayerIsFlatInTheFlatCompositesButNotABoxInGammaBox() throws Exception {
        Path p = base("dense").initializer("w", new RandomWeights(2).normal(10 * 48, 0.2), 10, 48)
                .node("Flatten").name("flat").inputs("x").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "w").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("dense.onnx"));
        try (LoadedModel m = engine.open(p)) {
            assertEquals(rules("fc", "flat"), assign(m, Map.of("composite", "epsilon-plus-flat")).linearRules());
            assertEquals(rules("fc", "epsilon"), assign(m, Map.of("composite", "epsilon-gamma-box")).linearRules());
        }
    }

    @Test
    void shapeArithmeticOnActivationsIsNotOnTheRelevancePath() throws Exception {
        Path p = base("dynamic-flatten").initializer("fc64", new RandomWeights(3).normal(10 * 64, 0.2), 10, 64)
                .int64Vector("zero", 0).int64Vector("one", 1).int64Vector("minus1", -1)
                .node("Conv").name("conv").inputs("x", "wa").outputs("a").ints("pads", 1, 1, 1, 1).model()
                .node("Relu").name("relu").inputs("a").outputs("r").model()
                .node("Shape").name("shape").inputs("r").outputs("s").model()
                .node("Slice").name("batch").inputs("s", "zero", "one").outputs("n").model()
                .node("Concat").name("target").inputs("n", "minus1").outputs("t").attr("axis", 0).model()
                .node("Reshape").name("flatten").inputs("r", "t").outputs("f").model()
                .node("Gemm").name("fc").inputs("f", "fc64").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("dynamic-flatten.onnx"));
        try (LoadedModel m = engine.open(p)) {
            Assignment a = assign(m, Map.of());
            assertEquals(rules("conv", "flat", "fc", "epsilon"), a.linearRules());
            assertFalse(a.overrides().containsKey("shape"), "Shape(r) computes no relevance");
            AttributionMap map = ((dev.neurolens.core.explain.AttributionResult) lrp.explain(m, new ExplanationRequest(
                    Tensor.wrap(new RandomWeights(4).normal(48, 1), 1, 3, 4, 4), List.of("x"), Target.of(2),
                    Optional.empty(), Map.of()), Progress.NONE)).maps().get(0);
            assertArrayEquals(new int[] {3, 4, 4}, map.map().shape());
        }
    }

    @Test
    void nodesWithoutARuleFailNamingTheNode() throws Exception {
        Path gated = base("gated")
                .node("Conv").name("conv").inputs("x", "wa").outputs("a").ints("pads", 1, 1, 1, 1).model()
                .node("Sigmoid").name("gate").inputs("a").outputs("g").model()
                .node("Mul").name("se_mul").inputs("a", "g").outputs("m").model()
                .node("GlobalAveragePool").name("gap").inputs("m").outputs("p").model()
                .node("Flatten").name("flat").inputs("p").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fcw").outputs("logits").attr("transB", 1).model()
                .output("logits", -1, 10).write(dir.resolve("gated.onnx"));
        Path softmax = base("softmax")
                .node("Conv").name("conv").inputs("x", "wa").outputs("a").ints("pads", 1, 1, 1, 1).model()
                .node("GlobalAveragePool").name("gap").inputs("a").outputs("p").model()
                .node("Flatten").name("flat").inputs("p").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fcw").outputs("l").attr("transB", 1).model()
                .node("Softmax").name("probs").inputs("l").outputs("y").attr("axis", 1).model()
                .output("y", -1, 10).write(dir.resolve("softmax.onnx"));
        Path loneNorm = base("lone-bn")
                .node("Relu").name("relu").inputs("x").outputs("r").model()
                .node("BatchNormalization").name("bn0").inputs("r", "scale0", "shift0", "mu0", "var0").outputs("b").model()
                .node("Conv").name("conv").inputs("b", "wa").outputs("a").ints("pads", 1, 1, 1, 1).model()
                .node("GlobalAveragePool").name("gap").inputs("a").outputs("p").model()
                .node("Flatten").name("flat").inputs("p").outputs("f").attr("axis", 1).model()
                .node("Gemm").name("fc").inputs("f", "fcw").outputs("logits").attr("transB", 1).model()
                .initializer("scale0", new float[] {1, 1, 1}, 3).initializer("shift0", new float[3], 3)
                .initializer("mu0", new float[3], 3).initializer("var0", new float[] {1, 1, 1}, 3)
                .output("logits", -1, 10).write(dir.resolve("lone-bn.onnx"));
        try (LoadedModel g = engine.open(gated); LoadedModel s = engine.open(softmax);
                LoadedModel b = engine.open(loneNorm)) {
            assertMessage(() -> assign(g, Map.of()), "Mul node 'se_mul'", "multiplies two activations");
            assertMessage(() -> assign(s, Map.of()), "op Softmax at node 'probs'");
            assertMessage(() -> assign(b, Map.of()), "BatchNormalization node 'bn0'", "merged");
        }
        assertMessage(() -> assign(dag, Map.of("rules", "c9:flat")), "'c9' is not a Conv, Gemm or MatMul node",
                "c1a, c1b, c2, fc");
        assertMessage(() -> assign(dag, Map.of("rules", "c2:sideways")), "unknown LRP rule 'sideways' for node 'c2'",
                "epsilon");
        assertMessage(() -> assign(dag, Map.of("rules", "c2")), "NODE:RULE");
        // z^B needs bounds: on a layer behind a ReLU the compile fails naming the node
        assertMessage(() -> lrp.explain(dag, new ExplanationRequest(Tensor.zeros(1, 3, 4, 4), List.of("zeros"),
                Target.of(1), Optional.empty(), Map.of("rules", "c2:zbox")), Progress.NONE),
                "node 'c2' is not a first layer");
    }

    @Test
    void contributedRulesAndCompositesAreUsedAndAMissingRuleNamesTheNode() {
        LrpRuleFactory half = new LrpRuleFactory() {
            @Override
            public String name() {
                return "half-epsilon";
            }

            @Override
            public String description() {
                return "epsilon 0.5";
            }

            @Override
            public dev.neurolens.lrp.LrpRule create(RuleSettings settings) {
                return new Epsilon(0.5);
            }
        };
        LrpComposite convOnly = new LrpComposite() {
            @Override
            public String name() {
                return "conv-only";
            }

            @Override
            public String description() {
                return "half-epsilon on convolutions, nothing for dense layers";
            }

            @Override
            public Optional<String> ruleFor(LayerSlot layer) {
                return layer.convolution() ? Optional.of("half-epsilon") : Optional.empty();
            }
        };
        LrpExplainer withPlugins = new LrpExplainer();
        withPlugins.addRule(half);
        withPlugins.addComposite(convOnly);
        assertTrue(withPlugins.parameters().get(0).choices().contains("conv-only"));
        assertEquals(rules("c1a", "half-epsilon", "c1b", "half-epsilon", "c2", "half-epsilon", "fc", "epsilon"),
                withPlugins.assign(dag, withPlugins.resolve(Map.of("composite", "conv-only", "rules", "fc:epsilon")))
                        .linearRules());
        assertMessage(() -> withPlugins.assign(dag, withPlugins.resolve(Map.of("composite", "conv-only"))),
                "composite 'conv-only' has no rule for dense layer 'fc'", "rules=fc:RULE");
        withPlugins.removeComposite(convOnly);
        assertFalse(withPlugins.parameters().get(0).choices().contains("conv-only"));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        NeuroLensException e = assertThrows(NeuroLensException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }
}
