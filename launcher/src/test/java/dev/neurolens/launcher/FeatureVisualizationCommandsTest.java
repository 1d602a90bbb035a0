package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code visualize}, {@code filters} and {@code activations} end to end, and their one-line errors. */
class FeatureVisualizationCommandsTest {
    private static final Path CIFAR = CliProcess.HOME.resolve("models/resnet20_cifar10.onnx");
    private static final Path CAT = CliProcess.HOME.resolve("images/chelsea.png");

    @TempDir
    Path dir;

    @Test
    void visualizeWritesImagesAndTheObjectivePerStep() throws Exception {
        Path out = dir.resolve("vis");
        CliProcess.Result r = CliProcess.run(dir, "visualize", "--model", CIFAR.toString(), "--unit", "3,7+8",
                "--param", "steps=24", "--param", "seed=1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(32, ImageIO.read(out.resolve("channel-3.png").toFile()).getWidth());
        assertTrue(Files.isRegularFile(out.resolve("channel-7+8.png")), "a sum of units is one image");
        assertTrue(Files.isRegularFile(out.resolve("grid.png")));
        String json = Files.readString(out.resolve("visualization.json"));
        for (String key : List.of("\"ms_per_step\"", "\"per_step\"", "\"initial\"", "\"final\"", "\"random_images\"",
                "\"settings\"", "\"fourier\"")) {
            assertTrue(json.contains(key), key + " in visualization.json");
        }
        Matcher m = Pattern.compile("\"final\": ?(-?[0-9.eE+-]+)").matcher(json);
        Matcher i = Pattern.compile("\"initial\": ?(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find() && i.find(), json);
        assertTrue(Double.parseDouble(m.group(1)) > Double.parseDouble(i.group(1)) + 1, "the objective rose: " + json);
        assertTrue(r.out().contains("ms per step"), r.out());
        try (Stream<Path> files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }
    }

    @Test
    void otherObjectivesDiversityAndAStartImage() throws Exception {
        Path out = dir.resolve("more");
        CliProcess.Result r = CliProcess.run(dir, "visualize", "--model", CIFAR.toString(), "--unit", "2,2",
                "--param", "diversity=1", "--param", "steps=6", "--image", CAT.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("channel-2.0.png")) && Files.isRegularFile(out.resolve(
                "channel-2.1.png")), "a repeated unit gets numbered images");
        assertTrue(Files.readString(out.resolve("visualization.json")).contains("\"diversity\": 1"),
                "settings recorded");
        r = CliProcess.run(dir, "visualize", "--model", CIFAR.toString(), "--objective", "layer", "--layer",
                "/layer2/layer2.0/conv1/Conv", "--param", "steps=4", "--param", "fourier=false", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("layer.png")), "DeepDream image");
        r = CliProcess.run(dir, "visualize", "--model", CIFAR.toString(), "--objective", "direction", "--unit",
                "random:4", "--negative", "--param", "steps=4", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("negative-direction-random_4.png")), r.out());
    }

    @Test
    void filtersAndActivationsWriteGrids() throws Exception {
        Path out = dir.resolve("f");
        CliProcess.Result r = CliProcess.run(dir, "filters", "--model", CIFAR.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(1).endsWith(".rgb.png") && names.get(0).endsWith(".channels.png"), names.toString());
        }
        Path acts = dir.resolve("a");
        r = CliProcess.run(dir, "activations", "--model", CIFAR.toString(), "--image", CAT.toString(), "--out",
                acts.toString());
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> files = Files.list(acts)) {
            List<Path> npy = files.filter(p -> p.toString().endsWith(".npy")).toList();
            assertEquals(1, npy.size());
            assertEquals(16 * 32 * 32, CliProcess.readNpyFloats(npy.get(0)).length, "16 channels of 32x32");
        }
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        String m = CIFAR.toString();
        assertOneLineError(CliProcess.run(dir, "visualize", "--model", m, "--layer", "nope", "--unit", "0", "--out",
                out.toString()), 1, "layer 'nope' is not in the model");
        assertOneLineError(CliProcess.run(dir, "visualize", "--model", m, "--unit", "64", "--out", out.toString()), 1,
                "unit 64 is out of range");
        assertOneLineError(CliProcess.run(dir, "visualize", "--model", m, "--unit", "0", "--param", "wobble=3",
                "--out", out.toString()), 2, "unknown parameter 'wobble'");
        assertOneLineError(CliProcess.run(dir, "visualize", "--model", m, "--unit", "0", "--param", "lr=-1", "--out",
                out.toString()), 2, "lr must be");
        assertOneLineError(CliProcess.run(dir, "visualize", "--model", m, "--objective", "pixels", "--out",
                out.toString()), 2, "unknown objective 'pixels'");
        assertOneLineError(CliProcess.run(dir, "visualize", "--model", m, "--objective", "logit", "--unit", "dragon",
                "--out", out.toString()), 1, "'dragon'");
        assertOneLineError(CliProcess.run(dir, "filters", "--model", m, "--layer", "/relu/Relu", "--out",
                out.toString()), 1, "not in the model");
        assertOneLineError(CliProcess.run(dir, "activations", "--model", m, "--image", CAT.toString(), "--layer",
                "nope", "--out", out.toString()), 1, "nope");
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
