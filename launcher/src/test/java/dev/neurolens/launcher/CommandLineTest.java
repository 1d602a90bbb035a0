package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless command line end to end: the real launcher in a child JVM, embedded Felix + SCR,
 * the real ONNX Runtime engine, the bundled model and images.
 */
class CommandLineTest {
    private static final Path MODEL = CliProcess.HOME.resolve("models/resnet20_cifar10.onnx");
    private static final Path CHELSEA = CliProcess.HOME.resolve("images/chelsea.png");

    @TempDir
    Path dir;

    @Test
    void helpListsCommandsAndPrintsNothingElse() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "--help");
        assertEquals(0, r.exit(), r.err());
        for (String c : List.of("info", "predict", "methods", "demo")) {
            assertTrue(r.out().contains("  " + c + " "), "help lists " + c + ":\n" + r.out());
        }
        assertEquals("", r.err(), "no JVM warnings or log lines on stderr");
    }

    @Test
    void infoShowsInputsOutputsLayersOpsetAndParameters() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "info", "--model", MODEL.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "stderr must stay clean");
        String out = r.out();
        assertTrue(out.contains("opset 13"), out);
        assertTrue(out.matches("(?s).*Input\\s+input: float \\[\\S+, 3, 32, 32\\].*"), out);
        assertTrue(out.matches("(?s).*Output\\s+logits: float \\[\\S+, 10\\].*"), out);
        assertTrue(out.contains("Gemm") && out.contains("GlobalAveragePool") && out.contains("Conv"), out);
        assertTrue(out.matches("(?s).*Parameters\\s+2\\d\\d,\\d{3}.*"), "about 0.27 M parameters:\n" + out);
        assertTrue(out.contains("[batch, 64, 8, 8]"), "layer output shapes are shown:\n" + out);
    }

    @Test
    void predictSaysCatForChelsea() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "predict", "--model", MODEL.toString(), "--image", CHELSEA.toString(),
                "--top", "3");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("chelsea", lines.get(0));
        assertTrue(lines.get(1).matches("\\s+1\\. cat\\s+class 3 .*"), r.out());
        assertEquals(4, lines.size(), "name + top 3:\n" + r.out());
    }

    @Test
    void predictFromTensorReproducesTheIndependentLogits() throws Exception {
        Path input = CliProcess.HOME.resolve("models/resnet20_cifar10.chelsea.input.npy");
        float[] expected = CliProcess.readNpyFloats(CliProcess.HOME.resolve("models/resnet20_cifar10.chelsea.logits.npy"));
        CliProcess.Result r = CliProcess.run(dir, "predict", "--model", MODEL.toString(), "--input", input.toString(),
                "--out", "res");
        assertEquals(0, r.exit(), r.err());
        float[] actual = CliProcess.readNpyFloats(dir.resolve("res/resnet20_cifar10.chelsea.logits.npy"));
        assertEquals(expected.length, actual.length);
        double maxAbs = 0;
        for (float v : expected) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * maxAbs, "logit " + i);
        }
        assertTrue(Files.readString(dir.resolve("res/predictions.json")).contains("\"label\": \"cat\""));
    }

    @Test
    void missingModelIsOneClearLine() throws Exception {
        assertOneLineError(CliProcess.run(dir, "info", "--model", "nope.onnx"), 1, "nope.onnx not found");
    }

    @Test
    void textFileIsNotAnOnnxModel() throws Exception {
        Files.writeString(dir.resolve("notes.onnx"), "this is not a model\n".repeat(20));
        assertOneLineError(CliProcess.run(dir, "info", "--model", "notes.onnx"), 1, "not an ONNX model");
    }

    @Test
    void truncatedModelIsReportedAsCorrupt() throws Exception {
        byte[] full = Files.readAllBytes(MODEL);
        Files.write(dir.resolve("cut.onnx"), java.util.Arrays.copyOf(full, full.length / 3));
        assertOneLineError(CliProcess.run(dir, "predict", "--model", "cut.onnx", "--image", CHELSEA.toString()), 1,
                "truncated or corrupt");
    }

    @Test
    void undecodableImageIsNamed() throws Exception {
        Files.writeString(dir.resolve("fake.png"), "no pixels here");
        assertOneLineError(CliProcess.run(dir, "predict", "--model", MODEL.toString(), "--image", "fake.png"), 1,
                "fake.png");
    }

    @Test
    void wrongInputShapeIsExplained() throws Exception {
        Path bad = dir.resolve("big.npy");
        CliProcess.writeNpy(bad, new float[1 * 3 * 40 * 40], "(1, 3, 40, 40)");
        CliProcess.Result r = CliProcess.run(dir, "predict", "--model", MODEL.toString(), "--input", bad.toString());
        assertOneLineError(r, 1, "does not fit");
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() throws Exception {
        assertOneLineError(CliProcess.run(dir, "explode"), 2, "unknown command 'explode'");
        assertOneLineError(CliProcess.run(dir, "info", "--modle", "x"), 2, "unknown option --modle");
    }

    @Test
    void demoWritesThePage() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "demo");
        assertEquals(0, r.exit(), r.err());
        Path page = dir.resolve("neurolens-out/demo/index.html");
        assertTrue(Files.isRegularFile(page), "page written:\n" + r.out());
        String html = Files.readString(page);
        for (String img : List.of("chelsea.png", "coffee.png", "astronaut.png", "rocket.jpg")) {
            assertTrue(html.contains(img), img + " on the page");
        }
        assertTrue(html.contains("Prediction: cat"), "chelsea is a cat on the page");
        assertTrue(html.contains("shapes-shapes_vgg-0.gradcam.png"), "the shape models are explained too");
        try (var files = Files.list(page.getParent())) {
            assertTrue(files.filter(p -> p.toString().endsWith(".png")).count() >= 8, "image files written");
        }
        assertTrue(r.out().contains("index.html"), r.out());
    }

    @Test
    void gpuRequestWithoutTheGpuFeatureRunsOnTheCpuAndSaysWhy() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "info", "--model", MODEL.toString(), "--device", "gpu");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "the fallback is reported by info and logged, not printed on stderr");
        assertTrue(r.out().contains("Device      cpu (gpu requested: the NeuroLens GPU feature (ONNX Runtime 1.21.0"
                + " CUDA build) is not installed"), r.out());
        CliProcess.Result cpu = CliProcess.run(dir, "info", "--model", MODEL.toString());
        assertTrue(cpu.out().contains("Device      cpu (ONNX Runtime 1.21.1 CPU build)"), cpu.out());
        assertOneLineError(CliProcess.run(dir, "info", "--model", MODEL.toString(), "--device", "tpu"), 2,
                "--device must be cpu or gpu, got 'tpu'");
    }

    @Test
    void gpuFeatureOnAMachineWithoutCudaPredictsOnTheCpu() throws Exception {
        // the CUDA build's natives (the GPU feature's fragment) load here, but this machine has no CUDA
        Path gpuBundles = Path.of(System.getProperty("neurolens.test.gpu-bundles", "target/gpu-bundles"));
        Map<String, String> env = Map.of("NEUROLENS_PLUGINS", gpuBundles.toString());
        CliProcess.Result info = CliProcess.run(dir, env, "info", "--model", MODEL.toString(), "--device", "gpu");
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("Device      cpu (gpu requested: no usable CUDA GPU ("), info.out());
        CliProcess.Result cpu = CliProcess.run(dir, env, "info", "--model", MODEL.toString(), "--device", "cpu");
        assertTrue(cpu.out().contains("Device      cpu (ONNX Runtime 1.21.0 CUDA build)"), cpu.out());
        CliProcess.Result r = CliProcess.run(dir, env, "predict", "--model", MODEL.toString(), "--image",
                CHELSEA.toString(), "--top", "1", "--device", "gpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().toList().get(1).matches("\\s+1\\. cat\\s+class 3 .*"),
                "the CUDA build on the CPU predicts as the CPU build:\n" + r.out());
    }

    @Test
    void theExampleExplainerBundleWorksFromAPluginsFolder() throws Exception {
        // examples/dev.neurolens.example.explainer, as built by the reactor: no change to NeuroLens
        Map<String, String> env = Map.of("NEUROLENS_PLUGINS",
                System.getProperty("neurolens.test.example-plugins", "target/example-plugins"));
        CliProcess.Result methods = CliProcess.run(dir, env, "methods");
        assertEquals(0, methods.exit(), methods.err());
        assertTrue(methods.out().contains("random-baseline"), methods.out());
        CliProcess.Result r = CliProcess.run(dir, env, "explain", "--model", MODEL.toString(), "--image",
                CHELSEA.toString(), "--method", "random-baseline", "--param", "seed=3", "--out", "res");
        assertEquals(0, r.exit(), r.err());
        float[] map = CliProcess.readNpyFloats(dir.resolve("res/chelsea.random-baseline.npy"));
        assertEquals(3 * 32 * 32, map.length, "[C,H,W] of the model's input");
        assertTrue(Files.readString(dir.resolve("res/chelsea.random-baseline.json")).contains("\"cat\""),
                "the target is the predicted class");
    }

    @Test
    void thirdPartyBundleInPluginsFolderShowsUpInMethods() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildExamplePlugin(plugins.resolve("example.hello.jar"));
        CliProcess.Result r = CliProcess.run(dir, Map.of("NEUROLENS_PLUGINS", plugins.toString()), "methods");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("hello-example"), r.out());
        assertTrue(r.out().contains("shade=0.5"), "parameters are listed:\n" + r.out());
    }

    private static void assertOneLineError(CliProcess.Result r, int exit, String fragment) {
        assertEquals(exit, r.exit(), "exit code; stderr:\n" + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).contains(fragment), "'" + fragment + "' in: " + lines.get(0));
        assertTrue(!lines.get(0).contains("Exception"), "no exception class names: " + lines.get(0));
    }

    /** Compiles and packs a minimal third-party Explainer bundle, as a user would write one. */
    private void buildExamplePlugin(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("plugin-src/example"));
        Files.writeString(src.resolve("HelloExplainer.java"), """
                package example;
                import dev.neurolens.core.explain.*;
                import dev.neurolens.core.model.LoadedModel;
                import dev.neurolens.core.progress.Progress;
                import java.util.List;
                public class HelloExplainer implements Explainer {
                    public String id() { return "hello-example"; }
                    public String displayName() { return "Hello (example plug-in)"; }
                    public String description() { return "A third-party method installed from a plugins folder."; }
                    public ExplanationKind kind() { return ExplanationKind.ATTRIBUTION_MAP; }
                    public List<ParameterDescriptor> parameters() {
                        return List.of(ParameterDescriptor.real("shade", "how much", 0.5, 0, 1));
                    }
                    public Explanation explain(LoadedModel m, ExplanationRequest r, Progress p) {
                        throw new dev.neurolens.core.NeuroLensException("the example computes nothing");
                    }
                }
                """);
        Path core;
        try (var s = Files.list(Path.of(System.getProperty("neurolens.test.bundles", "target/bundles")))) {
            core = s.filter(p -> p.getFileName().toString().startsWith("dev.neurolens.core-")).findFirst().orElseThrow();
        }
        Path classes = Files.createDirectories(dir.resolve("plugin-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "21", "-cp", core.toString(), "-d", classes.toString(),
                src.resolve("HelloExplainer.java").toString());
        assertEquals(0, rc, "example plugin compiles");
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "example.hello");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "dev.neurolens.core,dev.neurolens.core.explain,dev.neurolens.core.model,"
                + "dev.neurolens.core.progress");
        a.putValue("Service-Component", "OSGI-INF/hello.xml");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, mf)) {
            j.putNextEntry(new JarEntry("example/HelloExplainer.class"));
            j.write(Files.readAllBytes(classes.resolve("example/HelloExplainer.class")));
            j.putNextEntry(new JarEntry("OSGI-INF/hello.xml"));
            j.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="example.hello">
                      <implementation class="example.HelloExplainer"/>
                      <service><provide interface="dev.neurolens.core.explain.Explainer"/></service>
                    </scr:component>
                    """.getBytes(StandardCharsets.UTF_8));
        }
    }
}
