package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurolens dissect} and {@code neurolens exemplars} end to end, and their one-line errors. */
class DissectCommandTest {
    private static final Path VGG = CliProcess.HOME.resolve("models/shapes_vgg.onnx");
    private static final Path SAMPLE = CliProcess.HOME.resolve(
            "bundles/dev.neurolens.data/src_test/resources/broden-sample");
    private static final String LAYER = "/features/features.16/Relu";

    @TempDir
    Path dir;

    @Test
    void dissectWritesJsonCsvPageAndExemplars() throws Exception {
        Path out = dir.resolve("dis");
        CliProcess.Result r = CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--layer", LAYER, "--dataset",
                SAMPLE.toString(), "--quantile", "0.02", "--compositional", "--beam", "3", "--top", "2", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(out.resolve("dissection.json"));
        for (String key : List.of("\"layer\": \"" + LAYER + "\"", "\"units\"", "\"unit\": 127", "\"label\"",
                "\"category\"", "\"iou\"", "\"threshold\"", "\"formula\"", "\"formula_iou\"", "\"exemplars\"",
                "\"summary\"", "\"unique_detectors\"", "\"receptive_field\"", "\"thresholds_exact\": true")) {
            assertTrue(json.contains(key), key + " in dissection.json");
        }
        List<String> csv = Files.readAllLines(out.resolve("dissection.csv"));
        assertEquals(129, csv.size(), "header + one row per unit");
        assertTrue(csv.get(0).startsWith("unit,label,category,iou,threshold,detector,active_pixels,formula,formula_iou"));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("exemplars/unit0000-0.png") && html.contains("unique detectors"), html);
        assertTrue(Files.isRegularFile(out.resolve("exemplars/unit0127-1.png")));
        noTemporaryFiles(out);
        assertTrue(r.out().contains("128 units, 6 images") && r.out().contains("index.html"), r.out());
    }

    @Test
    void exemplarsOfAFolderOfImages() throws Exception {
        Path out = dir.resolve("ex");
        CliProcess.Result r = CliProcess.run(dir, "exemplars", "--model", VGG.toString(), "--layer", LAYER,
                "--images", CliProcess.HOME.resolve("images").toString(), "--unit", "3,9", "--top", "2", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(out.resolve("exemplars.json"));
        assertTrue(json.contains("\"unit\": 3") && json.contains("\"unit\": 9") && json.contains("\"field\"")
                && json.contains("\"max_activation\""), json);
        assertTrue(Files.isRegularFile(out.resolve("exemplars/unit0009-1.png")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("unit0003-0.png"));
        noTemporaryFiles(out);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        assertOneLineError(CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--layer", "/fc/Gemm",
                "--dataset", SAMPLE.toString(), "--out", out.toString()), 1, "dissection needs a 4-D");
        assertOneLineError(CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--layer", LAYER, "--dataset",
                SAMPLE.toString(), "--categories", "part", "--out", out.toString()), 1, "category");
        Path noColour = copy(SAMPLE, dir.resolve("nocolour"));
        editIndex(noColour, "color", "");
        assertOneLineError(CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--layer", LAYER, "--dataset",
                noColour.toString(), "--categories", "color", "--out", out.toString()), 1,
                "no masks or labels for category color");
        Path small = copy(SAMPLE, dir.resolve("small"));
        editIndex(small, "sh", "16");
        editIndex(small, "sw", "16");
        assertOneLineError(CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--layer", LAYER, "--dataset",
                small.toString(), "--out", out.toString()), 1, "sw x sh = 16x16");
        assertOneLineError(CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--layer", LAYER, "--dataset",
                SAMPLE.toString(), "--quantile", "2", "--out", out.toString()), 2, "--quantile must be in (0, 1)");
        assertOneLineError(CliProcess.run(dir, "dissect", "--model", VGG.toString(), "--dataset", SAMPLE.toString()),
                2, "needs --layer");
        assertOneLineError(CliProcess.run(dir, "exemplars", "--model", VGG.toString(), "--layer", LAYER, "--images",
                SAMPLE.toString(), "--unit", "128", "--out", out.toString()), 1, "unit 128 is out of range");
        assertFalse(Files.exists(out), "nothing written on errors");
    }

    private static void noTemporaryFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Sets column {@code name} of every data row of {@code index.csv} to {@code value}. */
    private static void editIndex(Path dataset, String name, String value) throws IOException {
        Path index = dataset.resolve("index.csv");
        List<String> lines = Files.readAllLines(index);
        int column = List.of(lines.get(0).split(",")).indexOf(name);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            f[column] = value;
            out.add(String.join(",", f));
        }
        Files.write(index, out);
    }

    private static void assertOneLineError(CliProcess.Result r, int exit, String fragment) {
        assertEquals(exit, r.exit(), "exit code; stderr:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).contains(fragment), lines.get(0));
    }
}
