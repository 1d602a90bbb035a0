package dev.neurolens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.SceneGenerator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample ({@code src_test/resources/broden-sample}: 6 scenes of 32x32, seed 7).
 * The expected pixels below were read from the PNG files with an independent decoder (Python's
 * zlib), not with this bundle's code.
 */
class BrodenSampleTest {
    @TempDir
    Path dir;

    @Test
    void readsCountsCategoriesAndLabels() {
        BrodenDataset ds = BrodenDataset.open(Samples.sample());
        assertEquals(6, ds.size());
        assertEquals(List.of("object", "color", "texture", "scene"), ds.categoryNames());
        assertEquals(30, ds.labels().size());
        assertEquals(31, ds.labelCount());
        assertEquals("circle", ds.label(1).name());
        assertEquals("red-c", ds.label(17).name());
        assertEquals("dotted", ds.label(21).name());
        assertEquals("plain background", ds.label(25).name());
        assertNull(ds.label(31));
        Category color = ds.category("color");
        assertEquals(11, color.size());
        assertEquals(9, color.number(1));
        assertEquals(1, color.code(9));
        assertEquals(-1, color.code(1), "circle is not a colour");
        assertEquals("black-c", color.label(1).name());
        assertEquals(List.of("train", "train", "val", "train", "val", "val"),
                ds.images().stream().map(IndexEntry::split).toList());
        IndexEntry first = ds.image(0);
        assertEquals("synthetic/000000.png", first.image());
        assertEquals(32, first.imageWidth());
        assertEquals(32, first.maskHeight());
        assertEquals(List.of("synthetic/000000_object.png"), first.cell("object").maskFiles());
        assertEquals(List.of(27), first.cell("scene").imageLabels());
    }

    @Test
    void knownPixelsHaveTheirLabels() {
        BrodenDataset ds = BrodenDataset.open(Samples.sample());
        ImageLabels labels = ds.read(0);
        // (16,10) lies in a black square; (3,3) is the orange background with blue dots
        assertEquals("square", ds.label(labels.category("object").labelAt(0, 16, 10)).name());
        assertEquals("black-c", ds.label(labels.category("color").labelAt(0, 16, 10)).name());
        assertEquals(0, labels.category("texture").labelAt(0, 16, 10));
        assertEquals(0, labels.category("object").labelAt(0, 3, 3));
        assertEquals("orange-c", ds.label(labels.category("color").labelAt(0, 3, 3)).name());
        assertEquals("dotted", ds.label(labels.category("texture").labelAt(0, 3, 3)).name());
        CategoryLabels scene = labels.category("scene");
        assertEquals(0, scene.maskCount());
        assertArrayEquals(new int[] {27}, scene.imageLabels());
        assertEquals("dotted background", ds.label(27).name());
        assertArrayEquals(new int[] {27}, scene.labelsAt(5, 5), "a whole-image label covers every pixel");

        BufferedImage img = ds.readImage(0);
        assertEquals(32, img.getWidth());
        int rgb = img.getRGB(3, 3) & 0xffffff;
        assertEquals(0xf19314, rgb, "the orange background pixel as decoded independently");
    }

    @Test
    void streamsEveryImageAndValidates() {
        BrodenDataset ds = BrodenDataset.open(Samples.sample());
        long withObjects = ds.stream(List.of("object")).filter(l -> l.category("object").maskCount() == 1).count();
        assertEquals(6, withObjects);
        ds.validate(Progress.NONE);
    }

    @Test
    void sampleIsWhatTheGeneratorMakesToday() throws Exception {
        // if this fails after a deliberate change to the generator, regenerate the sample (docs/broden.md)
        GeneratorConfig config = GeneratorConfig.builder().count(6).size(32, 32).seed(7).threads(1).build();
        Path fresh = new SceneGenerator(config).generate(dir.resolve("fresh"), Progress.NONE);
        for (String f : List.of("index.csv", "label.csv", "category.csv", "c_object.csv", "c_color.csv",
                "c_texture.csv", "c_scene.csv", "README.txt")) {
            assertEquals(Files.readString(Samples.sample().resolve(f)), Files.readString(fresh.resolve(f)), f);
        }
        BrodenDataset committed = BrodenDataset.open(Samples.sample());
        BrodenDataset regenerated = BrodenDataset.open(fresh);
        for (int i = 0; i < committed.size(); i++) {
            for (String c : committed.categoryNames()) {
                CategoryLabels a = committed.read(i).category(c);
                CategoryLabels b = regenerated.read(i).category(c);
                assertEquals(a.maskCount(), b.maskCount());
                for (int k = 0; k < a.maskCount(); k++) {
                    assertArrayEquals(a.mask(k), b.mask(k), "image " + i + " " + c);
                }
            }
            BufferedImage x = committed.readImage(i);
            BufferedImage y = regenerated.readImage(i);
            assertArrayEquals(x.getRGB(0, 0, 32, 32, null, 0, 32), y.getRGB(0, 0, 32, 32, null, 0, 32));
        }
        assertTrue(Files.size(Samples.sample().resolve("index.csv")) > 0);
    }
}
