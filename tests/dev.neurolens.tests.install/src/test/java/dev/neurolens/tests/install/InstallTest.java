package dev.neurolens.tests.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, as a user installs NeuroLens: a minimal Eclipse IDE made from Maven Central
 * artifacts (tests/dev.neurolens.tests.install.product), the NeuroLens feature installed into it
 * from the built update site with the product's own p2 director (plus the example third-party
 * explainer and the probe application from the test repository), then the installed product
 * started headless with the probe, which reports bundle states, services and one prediction.
 */
class InstallTest {
    private static final Path ROOT = Path.of(System.getProperty("neurolens.root", "../..")).toAbsolutePath()
            .normalize();
    private static final Path WORK = Path.of(System.getProperty("neurolens.test.work", "target/install"))
            .toAbsolutePath();
    private static final Path PRODUCT_MODULE = ROOT.resolve("tests/dev.neurolens.tests.install.product/target");
    private static final Path UPDATE_SITE = ROOT.resolve("update-site/target/repository");
    private static final String NATIVES = "dev.neurolens.engine.onnxruntime.";

    private static Path eclipse;
    private static Processes.Result install;

    @BeforeAll
    static void installIntoAFreshCopyOfTheProduct() throws IOException, InterruptedException {
        deleteTree(WORK);
        eclipse = WORK.resolve("eclipse");
        Processes.copyTree(PRODUCT_MODULE.resolve("products/dev.neurolens.tests.ide/linux/gtk/x86_64"), eclipse);
        install = Processes.eclipse(eclipse, List.of(), List.of("-nosplash", "-consoleLog",
                "-application", "org.eclipse.equinox.p2.director",
                "-repository", UPDATE_SITE.toUri() + "," + PRODUCT_MODULE.resolve("repository").toUri(),
                "-installIU", "dev.neurolens.feature.feature.group,dev.neurolens.example.explainer,"
                        + "dev.neurolens.tests.install.probe",
                "-destination", eclipse.toString(), "-profile", "DefaultProfile"),
                WORK.resolve("director.log"), 300);
    }

    @Test
    void theDirectorInstallsTheFeatureWithOnlyThisPlatformsNatives() throws IOException {
        assertEquals(0, install.exit(), install.output());
        List<String> plugins;
        try (Stream<Path> s = Files.list(eclipse.resolve("plugins"))) {
            plugins = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String bundle : List.of("dev.neurolens.core_", "dev.neurolens.graph_", "dev.neurolens.engine.onnxruntime_",
                "dev.neurolens.attribution_", "dev.neurolens.gradcam_", "dev.neurolens.data_", "com.google.protobuf_",
                NATIVES + "linux.x86_64_", "dev.neurolens.example.explainer_")) {
            assertTrue(plugins.stream().anyMatch(p -> p.startsWith(bundle)), bundle + " installed: " + plugins);
        }
        List<String> natives = plugins.stream().filter(p -> p.startsWith(NATIVES)).toList();
        assertEquals(1, natives.size(), "only this platform's fragment (no other OS, no GPU feature): " + natives);
    }

    @Test
    void theInstalledBundlesResolveAndTheirServicesAppear() throws IOException, InterruptedException {
        assertEquals(0, install.exit(), install.output());
        Path report = WORK.resolve("probe.properties");
        Processes.Result run = Processes.eclipse(eclipse, List.of(
                "-Dneurolens.install.report=" + report,
                "-Dneurolens.install.expect=gradcam,integrated-gradients,occlusion,random-baseline",
                "-Dneurolens.install.model=" + ROOT.resolve("models/resnet20_cifar10.onnx"),
                "-Dneurolens.install.input=" + ROOT.resolve("models/resnet20_cifar10.chelsea.input.npy"),
                "-Dneurolens.cache=" + WORK.resolve("cache")),
                List.of("-nosplash", "-consoleLog", "-application", "dev.neurolens.tests.install.probe.check",
                        "-data", WORK.resolve("workspace").toString()),
                WORK.resolve("probe.log"), 180);
        assertEquals(0, run.exit(), run.output());
        assertTrue(Files.exists(report), "the probe ran:\n" + run.output());
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        assertNull(p.getProperty("error"), "probe error");
        List<String> bundles = p.stringPropertyNames().stream().filter(k -> k.startsWith("bundle.")).sorted().toList();
        assertTrue(bundles.size() >= 9, "the NeuroLens bundles: " + bundles);
        for (String b : bundles) {
            // lazy bundles stay STARTING until a class is loaded; fragments are RESOLVED; none unresolved
            assertTrue(List.of("ACTIVE", "STARTING", "RESOLVED").contains(p.getProperty(b)), b + " = "
                    + p.getProperty(b));
        }
        assertEquals("RESOLVED", p.getProperty("bundle." + NATIVES + "linux.x86_64"));
        // the TensorFlow adapters may register a moment after ONNX Runtime's (they need its service)
        assertTrue(List.of(p.getProperty("engines").split(",")).contains("onnxruntime"), "the engine's DS service: "
                + p.getProperty("engines"));
        assertEquals("RESOLVED", p.getProperty("bundle.dev.neurolens.engine.tensorflow.linux.x86_64"),
                "the TensorFlow natives fragment");
        List<String> explainers = List.of(p.getProperty("explainers").split(","));
        for (String id : List.of("saliency", "integrated-gradients", "occlusion", "gradcam", "guided-gradcam",
                "random-baseline")) {
            assertTrue(explainers.contains(id), id + " registered: " + explainers);
        }
        assertEquals("cat", p.getProperty("predicted"), "ResNet-20 on chelsea, with the installed fragment's natives");
        assertTrue(p.getProperty("device").startsWith("cpu (gpu requested: the NeuroLens GPU feature"),
                p.getProperty("device"));
    }

    @Test
    void theGpuFeatureCanBeAddedOnTopOfTheInstalledOne() throws IOException, InterruptedException {
        assertEquals(0, install.exit(), install.output());
        // -verifyOnly: resolves the install plan without copying the 366 MB CUDA fragment
        Processes.Result verify = Processes.eclipse(eclipse, List.of(), List.of("-nosplash", "-consoleLog",
                "-application", "org.eclipse.equinox.p2.director", "-repository", UPDATE_SITE.toUri().toString(),
                "-installIU", "dev.neurolens.gpu.feature.feature.group", "-destination", eclipse.toString(),
                "-profile", "DefaultProfile", "-verifyOnly"), WORK.resolve("director-gpu.log"), 180);
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(verify.output().contains("(dev.neurolens.gpu.feature.feature.group ")
                && verify.output().contains("is satisfiable"), verify.output());
    }

    @Test
    void theUpdateSiteOffersBothFeaturesInItsCategory() throws IOException {
        String content;
        try (ZipFile z = new ZipFile(UPDATE_SITE.resolve("content.jar").toFile())) {
            content = new String(z.getInputStream(z.getEntry("content.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(content.contains("id='dev.neurolens.feature.feature.group'"), "main feature");
        assertTrue(content.contains("id='dev.neurolens.gpu.feature.feature.group'"), "GPU feature");
        assertTrue(content.contains("<property name='org.eclipse.equinox.p2.type.category' value='true'/>"),
                "a category");
        assertTrue(content.contains("id='" + NATIVES + "gpu.linux.x86_64'"), "the GPU fragment");
        assertFalse(content.contains("id='dev.neurolens.tests.install.probe'"), "no test bundle on the update site");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
