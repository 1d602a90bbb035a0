package dev.neurolens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.Preprocessing.ChannelOrder;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.model.Preprocessing.Resize;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarTest {
    @TempDir
    Path dir;

    @Test
    void readsTheBundledExample() {
        Path model = sample("../../models/resnet20_cifar10.onnx");
        assertEquals(sample("../../models/resnet20_cifar10.neurolens.properties"), Sidecar.locate(model));
        Preprocessing p = Sidecar.read(model).orElseThrow();
        assertEquals(32, p.width());
        assertEquals(32, p.height());
        assertEquals(ChannelOrder.RGB, p.channelOrder());
        assertEquals(Layout.NCHW, p.layout());
        assertEquals(255f, p.scale());
        assertArrayEquals(new float[] {0.485f, 0.456f, 0.406f}, p.mean());
        assertArrayEquals(new float[] {0.229f, 0.224f, 0.225f}, p.std());
        assertEquals(Resize.CENTER_CROP, p.resize());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                p.labels());
    }

    @Test
    void locatesBesideFilesAndInsideFolders() throws IOException {
        assertEquals(dir.resolve("net.neurolens.properties"), Sidecar.locate(dir.resolve("net.onnx")));
        assertEquals(dir.resolve("net.v2.neurolens.properties"), Sidecar.locate(dir.resolve("net.v2.onnx")));
        Path savedModel = Files.createDirectories(dir.resolve("saved_model"));
        assertEquals(savedModel.resolve("neurolens.properties"), Sidecar.locate(savedModel));
        assertEquals(Optional.empty(), Sidecar.read(dir.resolve("net.onnx")));
    }

    @Test
    void appliesDefaults() {
        Preprocessing p = parse("input.size = 224\n");
        assertEquals(Preprocessing.plain(224, 224), p);
        p = parse("input.size = 64 x 48\ninput.channels = gray\ninput.mean = 0.5\n");
        assertEquals(64, p.width());
        assertEquals(48, p.height());
        assertEquals(ChannelOrder.GRAY, p.channelOrder());
        assertArrayEquals(new float[] {0.5f}, p.mean());
        assertArrayEquals(new float[] {1f}, p.std());
        p = parse("input.size=8x8\ninput.mean=127.5\ninput.scale=1\ninput.layout=nhwc\ninput.resize=stretch\n");
        assertArrayEquals(new float[] {127.5f, 127.5f, 127.5f}, p.mean(), "one value for all channels");
        assertEquals(1f, p.scale());
        assertEquals(Layout.NHWC, p.layout());
        assertEquals(Resize.STRETCH, p.resize());
    }

    @Test
    void unknownKeysAreErrorsThatListTheValidOnes() {
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> parse("input.size = 32\ninput.sise = 32\n"));
        assertTrue(e.getMessage().contains("test.properties"), e.getMessage());
        assertTrue(e.getMessage().contains("'input.sise'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'input.size'"), e.getMessage());
        assertTrue(e.getMessage().contains("input.channels") && e.getMessage().contains("labels.file"),
                e.getMessage());
    }

    @Test
    void badValuesNameTheKey() {
        String[][] cases = {
            {"input.size = 32by32\n", "input.size"},
            {"input.size = 0x32\n", "input.size"},
            {"input.channels = RGBA\ninput.size = 32\n", "input.channels"},
            {"input.size = 32\ninput.mean = 1, 2\n", "input.mean"},
            {"input.size = 32\ninput.std = 1, 0, 1\n", "input.std"},
            {"input.size = 32\ninput.scale = -1\n", "input.scale"},
            {"input.size = 32\ninput.scale = 1f\n", "input.scale"},
            {"input.size = 32\ninput.resize = crop\n", "input.resize"},
            {"input.size = 32\nlabels = a,,b\n", "labels"},
            {"input.channels = RGB\n", "input.size"},
        };
        for (String[] c : cases) {
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> parse(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("test.properties: "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void readsLabelsFilesBesideTheSidecar() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("models"));
        Files.writeString(folder.resolve("net.neurolens.properties"), "input.size = 4\nlabels.file = classes.txt\n");
        Files.writeString(folder.resolve("classes.txt"), "\uFEFFtench, Tinca tinca\r\ngoldfish\n\n");
        Preprocessing p = Sidecar.read(folder.resolve("net.onnx")).orElseThrow();
        assertEquals(List.of("tench, Tinca tinca", "goldfish"), p.labels());

        Files.writeString(folder.resolve("classes.txt"), "a\n\nb\n");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Sidecar.read(folder.resolve("net.onnx")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());

        Files.delete(folder.resolve("classes.txt"));
        e = assertThrows(NeuroLensException.class, () -> Sidecar.read(folder.resolve("net.onnx")));
        assertTrue(e.getMessage().contains("net.neurolens.properties") && e.getMessage().contains("labels.file")
                && e.getMessage().contains("classes.txt"), e.getMessage());
    }

    @Test
    void formatsAndWritesWhatItReads() throws IOException {
        Preprocessing p = new Preprocessing(224, 160, ChannelOrder.BGR, Layout.NHWC, 1f,
                new float[] {103.939f, 116.779f, 123.68f}, new float[] {1, 1, 1}, Resize.STRETCH, List.of("a", "b c"));
        String text = Sidecar.format(p);
        assertTrue(text.contains("input.size = 224x160\n"), text);
        assertTrue(text.contains("input.scale = 1\n"), text);
        assertTrue(text.contains("input.mean = 103.939, 116.779, 123.68\n"), text);
        assertTrue(text.contains("input.resize = stretch\n"), text);
        assertTrue(text.contains("labels = a, b c\n"), text);
        Path file = dir.resolve("m.neurolens.properties");
        Sidecar.write(p, file);
        assertEquals(p, Sidecar.read(dir.resolve("m.onnx")).orElseThrow());

        Preprocessing commas = p.withLabels(List.of("tench, Tinca tinca", "caf\u00e9 \\ back"));
        assertThrows(IllegalArgumentException.class, () -> Sidecar.format(commas));
        Sidecar.write(commas, file);
        assertTrue(Files.readString(file).contains("labels.file = m.neurolens.labels.txt"));
        assertEquals(commas, Sidecar.read(dir.resolve("m.onnx")).orElseThrow());
    }

    private static Preprocessing parse(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Sidecar.parse(props, "test.properties");
    }

    /**
     * A sample file by its path relative to this bundle's folder, e.g. {@code ../../models/x.npy}
     * (the build passes the folder as {@code neurolens.bundle.dir}; an IDE run starts in it). Kept
     * in each test class: Tycho's incremental test compile does not see other test classes.
     */
    private static Path sample(String relative) {
        return Path.of(System.getProperty("neurolens.bundle.dir", "")).toAbsolutePath().resolve(relative).normalize();
    }
}
