package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurolens evaluate} end to end, on small runs (kept to a few seconds each: 4 images, the
 * randomization checks on 2 of them), and its one-line errors.
 */
class EvaluateCommandTest {
    private static final Path VGG = CliProcess.HOME.resolve("models/shapes_vgg.onnx");
    private static final Path RESNET = CliProcess.HOME.resolve("models/shapes_resnet.onnx");
    private static final Path CIFAR = CliProcess.HOME.resolve("models/resnet20_cifar10.onnx");
    private static final Path SAMPLE = CliProcess.HOME.resolve(
            "bundles/dev.neurolens.data/src_test/resources/broden-sample");
    /** The VGG's parametrized layers (8 Conv and Gemm nodes), from the logits down. */
    private static final int VGG_LAYERS = 8;

    /** The run most tests look at: two methods, 4 images, randomization checks (the default) on 2. */
    private static CliProcess.Result small;
    private static Path smallOut;
    private static Path smallTemp;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void runSmallEvaluation() throws Exception {
        // its own temporary folder, to see that the randomized models' files are deleted
        smallTemp = Files.createDirectories(shared.resolve("tmp"));
        String options = (System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "") + " -Djava.io.tmpdir=" + smallTemp)
                .strip();
        small = CliProcess.run(shared, Map.of("JAVA_TOOL_OPTIONS", options), "evaluate", "--model", VGG.toString(),
                "--methods", "gradcam,saliency", "--images", "4", "--randomization-images", "2", "--out", "out");
        smallOut = shared.resolve("out");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Number, key + " is a number: " + v);
        return ((Number) v).doubleValue();
    }

    private static void inRange(double v, double lo, double hi, String what) {
        assertTrue(v >= lo && v <= hi, what + " = " + v + " not in [" + lo + ", " + hi + "]");
    }

    /** The method entries of the one model of {@code out/evaluation.json}, by id. */
    private static Map<String, Map<String, Object>> methods(Map<String, Object> json) {
        List<Object> models = list(json.get("models"));
        assertEquals(1, models.size(), "one model entry");
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Object m : list(map(models.get(0)).get("methods"))) {
            out.put((String) map(m).get("method"), map(m));
        }
        return out;
    }

    @Test
    void aSmallRunWritesJsonHtmlAndExamples() throws Exception {
        assertEquals(0, small.exit(), small.err());
        assertTrue(small.out().contains("gradcam") && small.out().contains("saliency")
                && small.out().contains("evaluation.html"), small.out());
        String html = Files.readString(smallOut.resolve("evaluation.html"));
        assertTrue(html.contains("<svg") && html.contains("Grad-CAM") && html.contains("shapes_vgg.onnx"), html);
        assertTrue(Files.isRegularFile(smallOut.resolve("examples/shapes_vgg-0.gradcam.png")));
        assertTrue(Files.isRegularFile(smallOut.resolve("examples/shapes_vgg-0.saliency.png")));
        assertTrue(Files.isRegularFile(smallOut.resolve("examples/shapes_vgg-0.input.png")));
        try (Stream<Path> files = Files.walk(smallOut)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
        try (Stream<Path> files = Files.list(smallTemp)) {
            List<Path> left = files.filter(p -> p.getFileName().toString().startsWith("neurolens-")).toList();
            assertEquals(List.of(), left, "randomized models deleted");
        }
    }

    @Test
    void theJsonHasOneEntryPerMethodWithTheStableKeysInRange() throws Exception {
        assertEquals(0, small.exit(), small.err());
        Map<String, Object> json = map(Json.read(smallOut.resolve("evaluation.json")));
        assertEquals(0.0, number(map(json.get("settings")), "fill"), "the default fill");
        Map<String, Object> model = map(list(json.get("models")).get(0));
        assertEquals("shapes_vgg.onnx", model.get("model"));
        assertEquals(4L, model.get("images"));
        assertEquals(2L, model.get("randomization_images"));
        assertEquals(VGG_LAYERS, list(model.get("layers")).size());
        Map<String, Map<String, Object>> methods = methods(json);
        assertEquals(List.of("gradcam", "saliency"), List.copyOf(methods.keySet()));
        double centre = number(model, "pointing_game_centre_baseline");
        for (Map<String, Object> m : methods.values()) {
            String id = (String) m.get("method");
            for (String key : List.of("pointing_game", "pointing_game_centre_baseline", "energy_in_mask",
                    "randomization_spearman", "randomization_ssim", "independent_randomization_spearman",
                    "independent_randomization_ssim", "deletion_auc", "insertion_auc", "deletion_curve",
                    "insertion_curve", "passes", "flags")) {
                assertTrue(m.containsKey(key), key + " of " + id);
            }
            assertFalse(m.containsKey("completeness_delta"), "no completeness delta for " + id);
            assertEquals(4L, m.get("images"));
            double pointing = number(m, "pointing_game");
            inRange(pointing, 0, 1, id + " pointing_game");
            assertEquals(0, pointing * 4 % 1, 1e-9, "a share of 4 images: " + pointing);
            assertEquals(centre, number(m, "pointing_game_centre_baseline"));
            inRange(number(m, "energy_in_mask"), 0, 1, id + " energy_in_mask");
            double deletion = number(m, "deletion_auc");
            double insertion = number(m, "insertion_auc");
            inRange(deletion, 0, 1, id + " deletion_auc");
            inRange(insertion, 0, 1, id + " insertion_auc");
            for (String curve : List.of("deletion_curve", "insertion_curve")) {
                List<Object> c = list(m.get(curve));
                assertEquals(17, c.size(), curve);
                c.forEach(v -> inRange(((Number) v).doubleValue(), 0, 1, id + " " + curve));
            }
            Map<String, Object> spearman = map(m.get("randomization_spearman"));
            assertEquals(List.of("layers", "values", "final"), List.copyOf(spearman.keySet()));
            assertEquals("/fc/Gemm", list(spearman.get("layers")).get(0), "from the logits down");
            List<Object> values = list(spearman.get("values"));
            assertEquals(VGG_LAYERS, values.size());
            values.forEach(v -> inRange(((Number) v).doubleValue(), -1, 1, id + " Spearman"));
            double last = ((Number) values.get(values.size() - 1)).doubleValue();
            assertEquals(last, number(spearman, "final"), "final = every layer randomized");
            list(map(m.get("randomization_ssim")).get("values"))
                    .forEach(v -> inRange(((Number) v).doubleValue(), -1, 1, id + " SSIM"));
            assertEquals(VGG_LAYERS, list(map(m.get("independent_randomization_spearman")).get("values")).size());
            Map<String, Object> passes = map(m.get("passes"));
            assertEquals(List.of("localization", "randomization", "faithfulness"), List.copyOf(passes.keySet()));
            assertEquals(last < 0.3, passes.get("randomization"), id);
            assertEquals(!(last < 0.3), !list(m.get("flags")).isEmpty(), "flagged iff the randomization fails");
            if (insertion != deletion) {
                assertEquals(insertion > deletion, passes.get("faithfulness"), id);
            }
        }
    }

    @Test
    void theFillIsUsedAndRecorded() throws Exception {
        assertEquals(0, small.exit(), small.err());
        Path out = dir.resolve("fill");
        CliProcess.Result r = CliProcess.run(dir, "evaluate", "--model", VGG.toString(), "--methods",
                "gradcam,integrated-gradients", "--images", "4", "--randomize", "none", "--fill", "0.5", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> json = map(Json.read(out.resolve("evaluation.json")));
        assertEquals(0.5, number(map(json.get("settings")), "fill"));
        assertEquals(0.0, number(map(json.get("settings")), "randomization_images"), "--randomize none");
        assertEquals(Boolean.FALSE, map(json.get("settings")).get("independent_randomization"));
        assertTrue(Files.readString(out.resolve("evaluation.html")).contains("deletion/insertion fill 0.5"),
                "the page says which fill its curves used");
        assertTrue(Files.readString(out.resolve("evaluation.html")).contains("no randomization checks"));
        Map<String, Object> gradcam = methods(json).get("gradcam");
        Map<String, Object> original = methods(map(Json.read(smallOut.resolve("evaluation.json")))).get("gradcam");
        // the same 4 images: nothing deleted yet scores the same; the insertion canvas is now grey
        assertEquals(list(original.get("deletion_curve")).get(0), list(gradcam.get("deletion_curve")).get(0));
        assertNotEquals(list(original.get("insertion_curve")).get(0), list(gradcam.get("insertion_curve")).get(0));
        assertFalse(gradcam.containsKey("randomization_spearman"), "--randomize none");
        Map<String, Object> ig = methods(json).get("integrated-gradients");
        Map<String, Object> completeness = map(ig.get("completeness_delta"));
        assertTrue(number(completeness, "mean_abs") >= 0 && number(completeness, "mean_relative") >= 0, ig.toString());
        assertTrue(map(ig.get("passes")).containsKey("completeness"), ig.toString());
    }

    @Test
    void aBrodenDatasetWhoseObjectLabelsAreTheClassesCanBeUsed() throws Exception {
        Path out = dir.resolve("ev");
        CliProcess.Result r = CliProcess.run(dir, "evaluate", "--model", RESNET.toString(), "--dataset",
                SAMPLE.toString(), "--methods", "gradcam", "--randomization-images", "0", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(out.resolve("evaluation.json"));
        assertTrue(json.contains("\"images\": 6") || json.contains("\"images\":6"), json);
        assertTrue(json.contains("Broden dataset"), json);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        String valid = assertOneLineError(CliProcess.run(dir, "evaluate", "--methods", "gradcam,nope", "--out",
                out.toString()), 2, "unknown method 'nope'; valid: ");
        for (String id : List.of("saliency", "gradcam", "integrated-gradients", "lrp", "(or 'all')")) {
            assertTrue(valid.contains(id), id + " listed in: " + valid);
        }
        assertOneLineError(CliProcess.run(dir, "evaluate", "--model", CIFAR.toString(), "--methods", "gradcam",
                "--out", out.toString()), 1, "are not shapes of the scene generator");
        assertOneLineError(CliProcess.run(dir, "evaluate", "--model", CIFAR.toString(), "--dataset",
                SAMPLE.toString(), "--methods", "gradcam", "--out", out.toString()), 1, "match no object label");
        // a folder of pictures is not a Broden dataset
        assertOneLineError(CliProcess.run(dir, "evaluate", "--model", VGG.toString(), "--dataset",
                CliProcess.HOME.resolve("images").toString(), "--out", out.toString()), 1,
                "index.csv: " + CliProcess.HOME.resolve("images") + " is not a Broden dataset folder");
        assertOneLineError(CliProcess.run(dir, "evaluate", "--images", "0", "--out", out.toString()), 2,
                "--images must be between 1 and");
        assertOneLineError(CliProcess.run(dir, "evaluate", "--fill", "NaN", "--out", out.toString()), 2,
                "--fill must be a finite number, got 'NaN'");
        assertFalse(Files.exists(out), "nothing written on errors");
    }

    /** Asserts a one-line error with this exit code and fragment; returns the line. */
    private static String assertOneLineError(CliProcess.Result r, int exit, String fragment) {
        assertEquals(exit, r.exit(), "exit code; stderr:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).contains(fragment), "'" + fragment + "' in: " + lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), "no exception class names: " + lines.get(0));
        return lines.get(0);
    }
}
