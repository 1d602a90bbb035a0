package dev.neurolens.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.CategoryLabels;
import dev.neurolens.data.ImageLabels;
import dev.neurolens.data.Label;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, the written dataset against the in-memory scenes, cancellation and speed. */
class SceneGeneratorTest {
    @TempDir
    Path dir;

    private static GeneratorConfig.Builder small() {
        return GeneratorConfig.builder().count(40).size(32, 32);
    }

    @Test
    void sameSeedSameDatasetWhateverTheThreads() throws Exception {
        Path a = new SceneGenerator(small().seed(3).threads(1).build()).generate(dir.resolve("a"), Progress.NONE);
        Path b = new SceneGenerator(small().seed(3).threads(2).count(40).build()).generate(dir.resolve("b"),
                Progress.NONE);
        for (String f : List.of("index.csv", "label.csv", "category.csv", "c_color.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        BrodenDataset da = BrodenDataset.open(a);
        BrodenDataset db = BrodenDataset.open(b);
        for (int i = 0; i < da.size(); i++) {
            for (String c : List.of("object", "color", "texture")) {
                assertMasksEqual(da.read(i).category(c), db.read(i).category(c));
            }
        }
        SceneGenerator g = new SceneGenerator(small().seed(3).build());
        assertEquals(g.scene(17), g.scene(17));
        assertArrayEquals(g.render(17).mask("color"), new SceneGenerator(small().seed(3).build()).render(17)
                .mask("color"));
    }

    @Test
    void differentSeedDifferentDataset() throws Exception {
        Path a = new SceneGenerator(small().seed(3).build()).generate(dir.resolve("a"), Progress.NONE);
        Path b = new SceneGenerator(small().seed(4).build()).generate(dir.resolve("b"), Progress.NONE);
        assertNotEquals(Files.readString(a.resolve("label.csv")), Files.readString(b.resolve("label.csv")));
        int differing = 0;
        BrodenDataset da = BrodenDataset.open(a);
        BrodenDataset db = BrodenDataset.open(b);
        for (int i = 0; i < da.size(); i++) {
            if (!Arrays.equals(da.read(i).category("object").mask(0), db.read(i).category("object").mask(0))) {
                differing++;
            }
        }
        assertTrue(differing >= 35, differing + " of 40 object masks differ");
    }

    @Test
    void writtenDatasetReadsBackAsRenderedInMemory() {
        GeneratorConfig config = small().count(30).size(48, 32).maskSize(24, 16).seed(11).build();
        SceneGenerator g = new SceneGenerator(config);
        BrodenDataset d = BrodenDataset.open(g.generate(dir.resolve("ds"), Progress.NONE));
        assertEquals(30, d.size());
        assertEquals(List.of("object", "color", "texture", "scene"), d.categoryNames());
        int[] objectImages = new int[d.labelCount()];
        for (int i = 0; i < d.size(); i++) {
            RenderedScene r = g.render(i);
            ImageLabels l = d.read(i);
            assertEquals(16, l.entry().maskHeight());
            assertEquals(48, l.entry().imageWidth());
            assertEquals(g.split(i), l.entry().split());
            for (String c : List.of("object", "color", "texture")) {
                int[] expected = r.mask(c);
                CategoryLabels actual = l.category(c);
                if (Arrays.stream(expected).allMatch(v -> v == 0)) {
                    assertEquals(0, actual.maskCount(), "image " + i + " " + c + " has no labels");
                } else {
                    assertArrayEquals(expected, actual.mask(0), "image " + i + " " + c);
                }
            }
            assertArrayEquals(new int[] {g.labels().sceneNumber(r.scene().background())},
                    l.category("scene").imageLabels());
            BufferedImage img = d.readImage(i);
            assertArrayEquals(r.rgb(), Arrays.stream(img.getRGB(0, 0, 48, 32, null, 0, 48)).map(p -> p & 0xffffff)
                    .toArray(), "image " + i);
            Arrays.stream(r.mask("object")).distinct().filter(v -> v > 0).forEach(v -> objectImages[v]++);
        }
        for (ShapeKind s : ShapeKind.values()) {
            Label label = d.label(g.labels().number(s));
            assertEquals(s.label(), label.name());
            assertEquals(objectImages[label.number()], label.frequency(), s + ": frequency in label.csv");
        }
    }

    @Test
    void everyPixelShowsTheColourItsMaskNames() {
        SceneGenerator g = new SceneGenerator(small().count(50).seed(5).build());
        int tolerance = g.config().colorJitter() + g.config().pixelNoise();
        for (int i = 0; i < 50; i++) {
            RenderedScene r = g.render(i);
            int[] color = r.mask("color");
            for (int p = 0; p < color.length; p++) {
                NamedColor named = NamedColor.valueOf(g.labels().space().name(color[p]).replace("-c", "")
                        .toUpperCase(java.util.Locale.ROOT));
                SceneRendererTest.assertClose(named.rgb(), r.rgb()[p], tolerance);
            }
            int objects = r.scene().objects().size();
            assertTrue(objects >= 1 && objects <= 4, "objects: " + objects);
        }
    }

    @Test
    void cancellingLeavesNothingBehind() throws Exception {
        AtomicLong done = new AtomicLong();
        Progress cancelAfterFirstBlock = new Progress() {
            @Override public void begin(String task, long totalWork) { }
            @Override public void worked(long units) { done.addAndGet(units); }
            @Override public void subTask(String name) { }
            @Override public boolean isCancelled() { return done.get() > 0; }
        };
        Path target = dir.resolve("ds");
        for (int threads : new int[] {1, 2}) {
            SceneGenerator g = new SceneGenerator(small().count(1000).threads(threads).build());
            done.set(0);
            assertThrows(CancelledException.class, () -> g.generate(target, cancelAfterFirstBlock));
            assertFalse(Files.exists(target));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(), s.toList(), "no staging folder is left");
            }
        }
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> small().objects(3, 2).build());
        assertThrows(IllegalArgumentException.class, () -> small().shapes(List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> small().objectSize(0, 0.2).build());
        assertThrows(IllegalArgumentException.class, () -> small().folder("../x").build());
        GeneratorConfig noTextures = small().textures(List.of()).sceneLabels(false).build();
        SceneGenerator g = new SceneGenerator(noTextures);
        assertEquals(List.of("object", "color"), g.labels().space().categories());
        assertFalse(g.render(0).masks().containsKey("texture"));
    }

    @Test
    void commandLineOptions() {
        GeneratorConfig.Builder b = GeneratorConfig.builder();
        Path out = GenerateDataset.parse(new String[] {"--out", "x", "--size", "96x64", "--mask-size", "48x32",
            "--objects", "1..1", "--shapes", "circle,star", "--textures", "none", "--no-scene", "--seed", "9"}, b);
        GeneratorConfig c = b.build();
        assertEquals(Path.of("x"), out);
        assertEquals(96, c.width());
        assertEquals(32, c.maskHeight());
        assertEquals(List.of(ShapeKind.CIRCLE, ShapeKind.STAR), c.shapes());
        assertTrue(c.textures().isEmpty());
        assertFalse(c.sceneLabels());
        assertEquals(9, c.seed());
        assertThrows(IllegalArgumentException.class, () -> GenerateDataset.parse(new String[] {"--shapes", "blob"},
                GeneratorConfig.builder()));
    }

    @Test
    void timing() {
        GeneratorConfig config = GeneratorConfig.builder().count(2000).size(64, 64).seed(1).build();
        long start = System.nanoTime();
        new SceneGenerator(config).generate(dir.resolve("timing"), Progress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "generated 2000 scenes of 64x64 with %d threads in %.2f s (%.0f/s)%n",
                config.threads(), seconds, 2000 / seconds);
    }

    private static void assertMasksEqual(CategoryLabels a, CategoryLabels b) {
        assertEquals(a.maskCount(), b.maskCount());
        for (int k = 0; k < a.maskCount(); k++) {
            assertArrayEquals(a.mask(k), b.mask(k));
        }
    }
}
