package dev.neurolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.Predictions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument parsing, dispatch and error reporting of the command line, without an engine. */
class CommandLineServiceTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... argv) {
        Session s = new Session(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(), List.of(), dir, false);
        return new CommandLineService().run(List.of(argv), s);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsUsageAndExitsWithUsageCode() {
        assertEquals(2, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: neurolens COMMAND"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("info", "predict", "methods", "demo")) {
            out.reset();
            assertEquals(0, run(c, "--help"), c);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: neurolens " + c), c);
        }
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertEquals(2, run("info"));
        assertTrue(err().contains("needs --model"), err());
    }

    @Test
    void modelWithoutEngineSaysSo() throws Exception {
        Path model = Files.writeString(dir.resolve("m.onnx"), "x");
        assertEquals(1, run("info", "--model", model.toString()));
        assertTrue(err().contains("no model engine is installed"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void predictNeedsExactlyOneInputKind() throws Exception {
        Args a = Args.parse("predict", List.of("--image", "a.png", "--input", "b.npy"), Set.of("image", "input"),
                Set.of());
        UsageException e = assertThrows(UsageException.class, () -> Inputs.from(a, null));
        assertTrue(e.getMessage().contains("either --image"));
    }

    @Test
    void argsParseValuesFlagsAndEqualsForm() {
        Args a = Args.parse("x", List.of("--model=m.onnx", "--image", "a.png", "--image", "b.png", "--json"),
                Set.of("model", "image", "top"), Set.of("json"));
        assertEquals("m.onnx", a.required("model"));
        assertEquals(List.of("a.png", "b.png"), a.values("image"));
        assertTrue(a.flag("json"));
        assertEquals(5, a.integer("top", 5, 1, 10));
    }

    @Test
    void argsRejectTyposListingValidOptions() {
        UsageException e = assertThrows(UsageException.class,
                () -> Args.parse("x", List.of("--modle", "m"), Set.of("model"), Set.of("json")));
        assertTrue(e.getMessage().contains("--modle") && e.getMessage().contains("--json, --model"), e.getMessage());
        assertThrows(UsageException.class, () -> Args.parse("x", List.of("--model"), Set.of("model"), Set.of()));
        assertThrows(UsageException.class,
                () -> Args.parse("x", List.of("--top", "0"), Set.of("top"), Set.of()).integer("top", 5, 1, 9));
    }

    @Test
    void predictionsAreSortedWithSoftmaxProbabilities() {
        Preprocessing pre = Preprocessing.plain(2, 2).withLabels(List.of("a", "b", "c"));
        List<Predictions.Prediction> top = Predictions.top(Tensor.of(new float[] {1f, 3f, 2f}, 3), 3, pre);
        assertEquals(List.of("b", "c", "a"), top.stream().map(Predictions.Prediction::label).toList());
        double sum = top.stream().mapToDouble(Predictions.Prediction::probability).sum();
        assertEquals(1.0, sum, 1e-9);
        double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3);
        assertEquals(e3 / (e1 + e2 + e3), top.get(0).probability(), 1e-9);
        assertEquals(1, Predictions.top(Tensor.of(new float[] {1f, 3f, 2f}, 3), 1, pre).size());
    }

    @Test
    void htmlIsEscaped() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", Html.esc("<b> & \"x\" 'y'"));
    }

    @Test
    void argsNumbersAreFiniteAndInRange() {
        Args a = Args.parse("x", List.of("--fill", "-0.5", "--big", "1e39", "--nan", "NaN", "--word", "abc", "--inf",
                "-Infinity", "--blank", " "), Set.of("fill", "big", "nan", "word", "inf", "blank", "absent"), Set.of());
        assertEquals(-0.5, a.number("fill", 0, -10, 10));
        assertEquals(3.0, a.number("absent", 3, 0, 10), "the default");
        assertEquals(1e39, a.number("big", 0, -Double.MAX_VALUE, Double.MAX_VALUE));
        for (String name : List.of("nan", "word", "inf", "blank")) {
            UsageException e = assertThrows(UsageException.class, () -> a.number(name, 0, -10, 10), name);
            assertTrue(e.getMessage().startsWith("--" + name + " must be a finite number, got '"), e.getMessage());
        }
        UsageException e = assertThrows(UsageException.class, () -> a.number("fill", 0, 0, 1));
        assertEquals("--fill must be between 0.0 and 1.0, got -0.5", e.getMessage());
    }

    @Test
    void evaluateChecksItsFillBeforeAnythingElse() {
        assertEquals(0, run("evaluate", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--fill V"));
        for (String bad : List.of("abc", "NaN", "Infinity", "1e39", "")) {
            err.reset();
            // no engine and no methods are installed: the option is checked first
            assertEquals(2, run("evaluate", "--fill", bad, "--out", dir.resolve("never").toString()), bad);
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().startsWith("neurolens evaluate: error: --fill must be "), err());
        }
        assertTrue(Files.notExists(dir.resolve("never")), "nothing written");
    }
}
