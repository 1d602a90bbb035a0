package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurolens explain} end to end: the real launcher in a child JVM with the attribution and
 * Grad-CAM bundles, on the bundled ResNet-20 and the chelsea photo.
 */
class ExplainCommandTest {
    private static final String MODEL = CliProcess.HOME.resolve("models/resnet20_cifar10.onnx").toString();
    private static final String CHELSEA = CliProcess.HOME.resolve("images/chelsea.png").toString();
    private static final String CHELSEA_INPUT =
            CliProcess.HOME.resolve("models/resnet20_cifar10.chelsea.input.npy").toString();

    @TempDir
    Path dir;

    @Test
    void saliencyWritesTheRawMapTheOverlayAndTheRecord() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method", "saliency",
                "--out", "out");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("saliency") && r.out().contains("cat (class 3)"), r.out());
        Path out = dir.resolve("out");
        assertEquals("(3, 32, 32)", npyShape(out.resolve("chelsea.saliency.npy")));
        assertTrue(Files.size(out.resolve("chelsea.saliency.png")) > 1000);
        String json = Files.readString(out.resolve("chelsea.saliency.json"));
        assertTrue(json.contains("\"method\": \"saliency\"") || json.contains("\"method\":\"saliency\""), json);
        assertTrue(json.contains("\"label\"") && json.contains("cat"), json);
        assertFalse(Files.exists(out.resolve("chelsea.saliency.upsampled.npy")));
        assertNoTemporaryFiles(out);
    }

    @Test
    void gradcamWritesTheLayerMapAndItsUpsampling() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method", "gradcam",
                "--out", "out", "--json");
        assertEquals(0, r.exit(), r.err());
        Path out = dir.resolve("out");
        assertEquals("(8, 8)", npyShape(out.resolve("chelsea.gradcam.npy")));
        assertEquals("(32, 32)", npyShape(out.resolve("chelsea.gradcam.upsampled.npy")));
        assertTrue(Files.isRegularFile(out.resolve("chelsea.gradcam.png")));
        assertTrue(r.out().contains("/layer3/layer3.2/Relu_1_output_0"), "the default layer is reported:\n" + r.out());
        for (float v : CliProcess.readNpyFloats(out.resolve("chelsea.gradcam.npy"))) {
            assertTrue(v >= 0, "Grad-CAM is rectified");
        }
    }

    @Test
    void integratedGradientsOnATensorReportsASmallCompletenessDelta() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "explain", "--model", MODEL, "--input", CHELSEA_INPUT, "--method",
                "integrated-gradients", "--param", "steps=64", "--param", "baseline=zero", "--out", "out");
        assertEquals(0, r.exit(), r.err());
        String json = Files.readString(dir.resolve("out/resnet20_cifar10.chelsea.integrated-gradients.json"));
        Matcher delta = Pattern.compile("\"completenessDelta\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        Matcher score = Pattern.compile("\"score\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        assertTrue(delta.find() && score.find(), json);
        assertTrue(Math.abs(Double.parseDouble(delta.group(1))) < 0.01 * Math.abs(Double.parseDouble(score.group(1))),
                json);
        float[] attr = CliProcess.readNpyFloats(dir.resolve("out/resnet20_cifar10.chelsea.integrated-gradients.npy"));
        assertEquals(3 * 32 * 32, attr.length);
    }

    @Test
    void integratedGradientsTakesItsBaselineFromANpyFile() throws Exception {
        float[] zeros = new float[3 * 32 * 32];
        CliProcess.writeNpy(dir.resolve("zeros.npy"), zeros, "(3, 32, 32)");
        float[] input = CliProcess.readNpyFloats(Path.of(CHELSEA_INPUT));
        CliProcess.writeNpy(dir.resolve("itself.npy"), input, "(1, 3, 32, 32)");
        String ig = "resnet20_cifar10.chelsea.integrated-gradients";

        for (String[] run : new String[][] {{"baseline=zero", "zero"}, {"baseline=file:zeros.npy", "file"},
                {"baseline=file:itself.npy", "itself"}}) {
            CliProcess.Result r = CliProcess.run(dir, "explain", "--model", MODEL, "--input", CHELSEA_INPUT, "--method",
                    "integrated-gradients", "--param", "steps=8", "--param", run[0], "--out", run[1]);
            assertEquals(0, r.exit(), run[0] + ": " + r.err());
        }
        // a file of zeros is the zero baseline, to the last bit
        assertTrue(Arrays.equals(CliProcess.readNpyFloats(dir.resolve("zero/" + ig + ".npy")),
                CliProcess.readNpyFloats(dir.resolve("file/" + ig + ".npy"))), "file:zeros.npy = zero");
        // the input as its own baseline: x - x' = 0, so every attribution and f(x) - f(x') are 0
        for (float v : CliProcess.readNpyFloats(dir.resolve("itself/" + ig + ".npy"))) {
            assertEquals(0f, v, 0f);
        }
        String json = Files.readString(dir.resolve("itself/" + ig + ".json"));
        Matcher delta = Pattern.compile("\"completenessDelta\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        assertTrue(delta.find(), json);
        assertEquals(0, Double.parseDouble(delta.group(1)), 1e-6, json);

        CliProcess.writeNpy(dir.resolve("small.npy"), new float[3 * 16 * 16], "(3, 16, 16)");
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--input", CHELSEA_INPUT, "--method",
                "integrated-gradients", "--param", "baseline=file:small.npy", "--out", "bad"), 1,
                "has shape [3, 16, 16]; expected [3, 32, 32]");
        float[] nan = input.clone();
        nan[7] = Float.POSITIVE_INFINITY;
        CliProcess.writeNpy(dir.resolve("inf.npy"), nan, "(1, 3, 32, 32)");
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--input", CHELSEA_INPUT, "--method",
                "integrated-gradients", "--param", "baseline=file:inf.npy", "--out", "bad"), 1,
                "holds NaN or infinite values");
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written");
    }

    @Test
    void lrpWritesTheRelevanceWithItsSumAndNamesABadNode() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "explain", "--model", MODEL, "--input", CHELSEA_INPUT, "--method", "lrp",
                "--param", "composite=epsilon-gamma-box", "--out", "out");
        assertEquals(0, r.exit(), r.err());
        Path out = dir.resolve("out");
        assertEquals("(3, 32, 32)", npyShape(out.resolve("resnet20_cifar10.chelsea.lrp.npy")));
        double sum = 0;
        for (float v : CliProcess.readNpyFloats(out.resolve("resnet20_cifar10.chelsea.lrp.npy"))) {
            sum += v;
        }
        String json = Files.readString(out.resolve("resnet20_cifar10.chelsea.lrp.json"));
        Matcher total = Pattern.compile("\"attributionSum\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        Matcher delta = Pattern.compile("\"completenessDelta\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        assertTrue(total.find() && delta.find(), json);
        assertEquals(sum, Double.parseDouble(total.group(1)), 1e-4, "the relevance sum");
        assertEquals(sum - 1, Double.parseDouble(delta.group(1)), 1e-4, "one-hot output relevance");
        assertTrue(json.contains("/conv1/Conv:zbox"), json);
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--input", CHELSEA_INPUT, "--method", "lrp",
                "--param", "rules=/conv9:flat", "--out", "bad"), 1, "'/conv9' is not a Conv, Gemm or MatMul node");
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written");
    }

    /**
     * Ctrl-C (here SIGTERM, which the JVM handles the same way) during a long Integrated Gradients
     * run: the command stops, exits non-zero, and leaves neither result files nor temporary ones.
     */
    @Test
    void anInterruptedExplanationStopsAndWritesNothing() throws Exception {
        Path out = dir.resolve("out");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = CliProcess.start(dir, Map.of(), stdout, stderr, "explain", "--model", MODEL, "--input",
                CHELSEA_INPUT, "--method", "integrated-gradients", "--param", "steps=10000", "--out", out.toString());
        // wait until the engine is busy: the progress bar shows after one second of work
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.readString(stderr).contains("Integrated Gradients")) {
            assertTrue(p.isAlive(), "ended before it was interrupted: " + Files.readString(stderr));
            assertTrue(System.nanoTime() < deadline, "no progress within 60 s: " + Files.readString(stderr));
            Thread.sleep(100);
        }
        long interrupted = System.nanoTime();
        p.destroy(); // SIGTERM
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "still running 30 s after the interrupt");
        System.out.printf("interrupted IG ended %.2f s after SIGTERM%n", (System.nanoTime() - interrupted) / 1e9);
        assertTrue(p.exitValue() != 0, "exit code " + p.exitValue());
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                assertEquals(List.of(out), files.toList(), "nothing written");
            }
        }
    }

    @Test
    void badRequestsAreOneLineErrorsAndWriteNothing() throws Exception {
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method", "lime",
                "--out", "out"), 2, "unknown method 'lime'; installed methods: deconvnet, gradcam");
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method",
                "integrated-gradients", "--param", "stpes=3", "--out", "out"), 2,
                "valid parameters: steps, rule, baseline");
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method", "saliency",
                "--target", "10", "--out", "out"), 1, "target class 10 is out of range");
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method", "gradcam",
                "--layer", "/layer9/Relu", "--out", "out"), 1, "layer '/layer9/Relu' is not in the model");
        Path nan = dir.resolve("nan.npy");
        float[] values = new float[3 * 32 * 32];
        Arrays.fill(values, 0.1f);
        values[100] = Float.NaN;
        CliProcess.writeNpy(nan, values, "(1, 3, 32, 32)");
        assertError(CliProcess.run(dir, "explain", "--model", MODEL, "--input", nan.toString(), "--method", "saliency",
                "--out", "out"), 1, "NaN or infinite");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    private static void assertError(CliProcess.Result r, int exit, String fragment) {
        assertEquals(exit, r.exit(), "exit code; stderr:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).contains(fragment), "'" + fragment + "' in: " + lines.get(0));
    }

    /** The shape in a .npy header, e.g. {@code (3, 32, 32)}. */
    private static String npyShape(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'<f4'"), header);
        Matcher m = Pattern.compile("'shape': (\\([^)]*\\))").matcher(header);
        assertTrue(m.find(), header);
        return m.group(1);
    }

    private static void assertNoTemporaryFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
