package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurolens evaluate} end to end, on small runs, and its one-line errors. */
class EvaluateCommandTest {
    private static final Path VGG = CliProcess.HOME.resolve("models/shapes_vgg.onnx");
    private static final Path RESNET = CliProcess.HOME.resolve("models/shapes_resnet.onnx");
    private static final Path CIFAR = CliProcess.HOME.resolve("models/resnet20_cifar10.onnx");
    private static final Path SAMPLE = CliProcess.HOME.resolve(
            "bundles/dev.neurolens.data/src_test/resources/broden-sample");

    @TempDir
    Path dir;

    @Test
    void aSmallRunWritesJsonHtmlAndExamplesWithTheStableKeys() throws Exception {
        Path out = dir.resolve("ev");
        CliProcess.Result r = CliProcess.run(dir, "evaluate", "--model", VGG.toString(), "--methods",
                "gradcam,saliency,integrated-gradients", "--randomize", "gradcam,saliency", "--images", "6",
                "--randomization-images", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(out.resolve("evaluation.json"));
        for (String key : List.of("\"pointing_game\"", "\"pointing_game_centre_baseline\"", "\"energy_in_mask\"",
                "\"randomization_spearman\"", "\"randomization_ssim\"", "\"independent_randomization_spearman\"",
                "\"deletion_auc\"", "\"insertion_auc\"", "\"completeness_delta\"", "\"passes\"", "\"final\"")) {
            assertTrue(json.contains(key), key + " in evaluation.json");
        }
        assertTrue(json.contains("\"/fc/Gemm\""), "layers by name, from the logits down");
        String html = Files.readString(out.resolve("evaluation.html"));
        assertTrue(html.contains("<svg") && html.contains("Grad-CAM") && html.contains("shapes_vgg.onnx"), html);
        assertTrue(Files.isRegularFile(out.resolve("examples/shapes_vgg-0.gradcam.png")));
        assertTrue(Files.isRegularFile(out.resolve("examples/shapes_vgg-0.input.png")));
        try (Stream<Path> files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
        assertTrue(r.out().contains("gradcam") && r.out().contains("evaluation.html"), r.out());
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
        assertOneLineError(CliProcess.run(dir, "evaluate", "--methods", "gradcam,nope", "--out", out.toString()), 2,
                "unknown method 'nope'; valid: ");
        assertOneLineError(CliProcess.run(dir, "evaluate", "--model", CIFAR.toString(), "--methods", "gradcam",
                "--out", out.toString()), 1, "are not shapes of the scene generator");
        assertOneLineError(CliProcess.run(dir, "evaluate", "--model", CIFAR.toString(), "--dataset",
                SAMPLE.toString(), "--methods", "gradcam", "--out", out.toString()), 1, "match no object label");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertOneLineError(CliProcess.run(dir, "evaluate", "--dataset", empty.toString(), "--out", out.toString()), 1,
                "index.csv");
        assertOneLineError(CliProcess.run(dir, "evaluate", "--images", "0", "--out", out.toString()), 2,
                "--images must be between 1 and");
        assertFalse(Files.exists(out), "nothing written on errors");
    }

    private static void assertOneLineError(CliProcess.Result r, int exit, String fragment) {
        assertEquals(exit, r.exit(), "exit code; stderr:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).contains(fragment), "'" + fragment + "' in: " + lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), "no exception class names: " + lines.get(0));
    }
}
