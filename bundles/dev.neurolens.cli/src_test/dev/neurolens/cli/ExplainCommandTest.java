package dev.neurolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.ChannelReduction;
import dev.neurolens.core.io.Overlays;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain}'s checks that need no engine: method ids, parameters, target, layer. */
class ExplainCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    /** An explainer that only declares itself; running it is not needed here. */
    private record Fake(String id, boolean usesLayer, List<ParameterDescriptor> parameters) implements Explainer {
        @Override public String displayName() { return id; }
        @Override public String description() { return id; }
        @Override public ExplanationKind kind() { return ExplanationKind.ATTRIBUTION_MAP; }
        @Override public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
            throw new AssertionError("not run");
        }
    }

    private static final Explainer IG = new Fake("integrated-gradients", false, List.of(
            ParameterDescriptor.integer("steps", "steps", 50, 1, 10_000),
            ParameterDescriptor.choice("rule", "rule", "gauss-legendre", List.of("riemann-left", "gauss-legendre"))));
    private static final Explainer GRADCAM = new Fake("gradcam", true, List.of());

    private int run(String... argv) {
        Session s = new Session(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(), List.of(IG, GRADCAM), dir, false);
        return new CommandLineService().run(List.of(argv), s);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheOptionsAndTheMethodIds() {
        assertEquals(0, run("explain", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("Usage: neurolens explain"), help);
        assertTrue(help.contains("integrated-gradients") && help.contains("--param KEY=VALUE"), help);
    }

    @Test
    void unknownMethodListsTheInstalledOnes() {
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "lime"));
        assertTrue(err().contains("unknown method 'lime'; installed methods: gradcam, integrated-gradients"), err());
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "integrated-gradients",
                "--param", "step=64"));
        assertTrue(err().contains("unknown parameter 'step' for method integrated-gradients; valid parameters: "
                + "steps, rule"), err());
    }

    @Test
    void badParameterValuesNameTheAllowedOnes() {
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "integrated-gradients",
                "--param", "rule=simpson"));
        assertTrue(err().contains("rule must be one of riemann-left, gauss-legendre"), err());
        err.reset();
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "integrated-gradients",
                "--param", "steps=0"));
        assertTrue(err().contains("steps must be in [1.0, 10000.0]"), err());
        err.reset();
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "integrated-gradients",
                "--param", "steps"));
        assertTrue(err().contains("--param needs KEY=VALUE"), err());
    }

    @Test
    void layerOnlyForLayerMethodsAndTargetMustBeAClass() {
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "integrated-gradients",
                "--layer", "conv1"));
        assertTrue(err().contains("takes no --layer; layer methods: gradcam"), err());
        err.reset();
        assertEquals(2, run("explain", "--model", "m.onnx", "--image", "a.png", "--method", "gradcam",
                "--target", "cat"));
        assertTrue(err().contains("target must be 'top' or a class index"), err());
    }

    @Test
    void aValidCommandLineGetsAsFarAsTheModel() throws Exception {
        Path model = Files.writeString(dir.resolve("m.onnx"), "x");
        assertEquals(1, run("explain", "--model", model.toString(), "--image", "a.png", "--method", "gradcam",
                "--layer", "conv1", "--target", "3"));
        assertTrue(err().contains("no model engine is installed"), err());
        assertEquals(0, Files.list(dir).filter(p -> !p.equals(model)).count(), "nothing written");
    }

    @Test
    void targetBeyondTheClassesIsRejectedBeforeRunning() {
        ModelInfo info = new ModelInfo(Path.of("m.onnx"), "onnx", "test", "", 17,
                List.of(TensorInfo.of("x", "float", List.of(-1L, 3L, 32L, 32L))),
                List.of(TensorInfo.of("logits", "float", List.of(-1L, 10L))), List.of(), 0, Preprocessing.plain(32, 32));
        ExplainCommand.checkTarget(info, Target.of(9));
        ExplainCommand.checkTarget(info, Target.PREDICTED);
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> ExplainCommand.checkTarget(info,
                Target.of(10)));
        assertEquals("target class 10 is out of range: the model has 10 classes (0 to 9)", e.getMessage());
    }

    @Test
    void overlaysUseTheViewAndTheUpsampledMap() {
        assertEquals(ChannelReduction.SUM, Overlays.reduction("signed"));
        assertEquals(ChannelReduction.MAX_ABS, Overlays.reduction("max"));
        assertEquals(ChannelReduction.ABS_SUM, Overlays.reduction(null));
        Tensor chw = Tensor.wrap(new float[] {1, -2, 3, -4, -1, 2, -3, 4}, 2, 2, 2);
        AttributionMap input = new AttributionMap("a", chw, Optional.empty(), 0, "", 0f, OptionalDouble.empty());
        assertEquals(Tensor.wrap(new float[] {0, 0, 0, 0}, 2, 2),
                Overlays.plane(input, "signed", Preprocessing.Layout.NCHW));
        assertEquals(Tensor.wrap(new float[] {2, 4, 6, 8}, 2, 2), Overlays.plane(input, "abs", Preprocessing.Layout.NCHW));
        Tensor up = Tensor.wrap(new float[16], 4, 4);
        AttributionMap cam = new AttributionMap("a", Tensor.zeros(2, 2), Optional.of(up), 0, "", 0f,
                OptionalDouble.empty());
        assertEquals(up, Overlays.plane(cam, null, Preprocessing.Layout.NCHW));
    }
}
