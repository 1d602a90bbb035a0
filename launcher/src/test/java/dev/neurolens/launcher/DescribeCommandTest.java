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

/** {@code neurolens describe} end to end on the committed Broden sample, and its one-line errors. */
class DescribeCommandTest {
    private static final Path VGG = CliProcess.HOME.resolve("models/shapes_vgg.onnx");
    private static final Path SAMPLE = CliProcess.HOME.resolve(
            "bundles/dev.neurolens.data/src_test/resources/broden-sample");
    private static final String LAYERS = "/features/features.13/Relu,/features/features.16/Relu";

    @TempDir
    Path dir;

    @Test
    void describesTwoLayersAsJsonHtmlAndPictures() throws Exception {
        Path out = dir.resolve("d");
        CliProcess.Result r = CliProcess.run(dir, "describe", "--model", VGG.toString(), "--layer", LAYERS,
                "--dataset", SAMPLE.toString(), "--top", "3", "--find", "circle", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(out.resolve("descriptions.json"));
        for (String key : List.of("\"description_model\": \"concept-grammar\"", "\"prior\": \"unit-population\"",
                "\"lambda\": 0.2", "\"units\"", "\"description\"", "\"pmi\"", "\"log_p_d_given_e\"", "\"log_p_d\"",
                "\"runner_ups\"", "\"exemplars\"", "\"fit\"", "\"find\"", "\"word\": \"circle\"",
                "\"layer\": \"/features/features.16/Relu\"")) {
            assertTrue(json.contains(key), key + " in descriptions.json");
        }
        // 64 + 128 units, each with a description line in the JSON
        assertEquals(192, json.split("\"threshold\"", -1).length - 1, "one entry per unit");
        String html = Files.readString(out.resolve("descriptions.html"));
        assertTrue(html.contains("<table") && html.contains("shapes_vgg.onnx") && html.contains("exemplars/"), html);
        try (Stream<Path> pictures = Files.list(out.resolve("exemplars"))) {
            assertTrue(pictures.anyMatch(p -> p.getFileName().toString().startsWith("features_features.16_Relu-")));
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
        assertTrue(r.out().contains("units have descriptions that mention 'circle'"), r.out());
        assertTrue(r.out().contains("descriptions.html"), r.out());
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        String model = VGG.toString();
        String data = SAMPLE.toString();
        assertOneLineError(CliProcess.run(dir, "describe", "--model", model, "--dataset", data, "--out",
                out.toString()), 2, "needs --layer");
        assertOneLineError(CliProcess.run(dir, "describe", "--model", model, "--layer", "/nope", "--dataset", data,
                "--out", out.toString()), 1, "/nope");
        assertOneLineError(CliProcess.run(dir, "describe", "--model", model, "--layer", LAYERS, "--dataset", data,
                "--lambda", "2", "--out", out.toString()), 2, "--lambda must be between 0 and 1");
        assertOneLineError(CliProcess.run(dir, "describe", "--model", model, "--layer", LAYERS, "--dataset", data,
                "--prior", "gpt", "--out", out.toString()), 2, "unknown prior 'gpt' for --prior; installed: "
                + "unit-population");
        assertOneLineError(CliProcess.run(dir, "describe", "--model", model, "--layer", "/fc/Gemm", "--dataset", data,
                "--out", out.toString()), 1, "needs a 4-D convolutional tensor");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertOneLineError(CliProcess.run(dir, "describe", "--model", model, "--layer", LAYERS, "--dataset",
                empty.toString(), "--out", out.toString()), 1, "index.csv");
        assertFalse(Files.exists(out), "nothing written on errors");
    }

    private static void assertOneLineError(CliProcess.Result r, int exit, String fragment) {
        assertEquals(exit, r.exit(), "exit code; stderr:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).startsWith("neurolens describe: error: ") && lines.get(0).contains(fragment),
                lines.get(0));
    }
}
