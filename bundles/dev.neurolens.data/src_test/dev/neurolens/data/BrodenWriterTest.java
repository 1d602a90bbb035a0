package dev.neurolens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing: the files and statistics NetDissect writes, and no half-written dataset. */
class BrodenWriterTest {
    @TempDir
    Path dir;

    private static final LabelSpace SPACE = LabelSpace.builder()
            .category("object", List.of("dog", "fabric"))
            .category("material", List.of("fabric", "wood"))
            .category("scene", List.of("kitchen-s"))
            .build();

    private static BrodenImage image(String name, int[] object1, int[] object2, int scene) {
        return new BrodenImage(name, "train", 2, 2, new int[] {0xff0000, 0x00ff00, 0x0000ff, 0xffffff}, 2, 1,
                Map.of("object", List.of(object1, object2), "material", List.of(new int[2])),
                Map.of("scene", List.of(scene)));
    }

    @Test
    void labelSpaceSharesNumbersAcrossCategories() {
        assertEquals(4, SPACE.count());
        assertEquals(2, SPACE.number("object", "fabric"));
        assertEquals(2, SPACE.number("material", "fabric"));
        assertEquals(1, SPACE.code("material", 2));
        assertEquals(2, SPACE.code("object", 2));
        assertEquals(List.of("object", "material"), SPACE.categoriesOf(2));
        assertThrows(IllegalArgumentException.class, () -> SPACE.number("object", "wood"));
    }

    @Test
    void writesLayersWholeImageLabelsAndStatistics() throws Exception {
        Path target = dir.resolve("ds");
        try (BrodenWriter w = BrodenWriter.create(target, SPACE)) {
            // written out of order, as threads would: the index is still in order
            w.write(1, image("x/b", new int[] {1, 1}, new int[2], 4));
            w.write(0, image("x/a", new int[] {1, 0}, new int[] {2, 2}, 4));
            w.commit("hello\n");
        }
        assertEquals("""
                image,split,ih,iw,sh,sw,object,material,scene
                x/a.png,train,2,2,1,2,x/a_object_1.png;x/a_object_2.png,,4
                x/b.png,train,2,2,1,2,x/b_object_1.png,,4
                """, Files.readString(target.resolve("index.csv")));
        // dog: 1 of 2 pixels in image a, 2 of 2 in b; fabric: both pixels of a's second layer
        assertEquals("""
                number,name,category,frequency,coverage,syns
                1,dog,object(2),2,1.500000,
                2,fabric,object(1);material(0),1,1.000000,
                3,wood,material(0),0,0.000000,
                4,kitchen-s,scene(2),2,2.000000,
                """, Files.readString(target.resolve("label.csv")));
        assertEquals("""
                name,first,last,count,frequency
                object,1,2,2,3
                material,2,3,2,0
                scene,4,4,1,2
                """, Files.readString(target.resolve("category.csv")));
        assertEquals("""
                code,number,name,frequency,coverage
                1,2,fabric,0,0.000000
                2,3,wood,0,0.000000
                """, Files.readString(target.resolve("c_material.csv")));
        assertEquals("hello\n", Files.readString(target.resolve("README.txt")));

        BrodenDataset d = BrodenDataset.open(target);
        CategoryLabels a = d.read(0).category("object");
        assertArrayEquals(new int[] {1, 0}, a.mask(0));
        assertArrayEquals(new int[] {2, 2}, a.mask(1));
        assertArrayEquals(new int[] {1, 2}, a.labelsAt(0, 0));
        assertTrue(d.read(0).category("material").isEmpty(), "an all-zero mask is not written");
        assertEquals(0x00ff00, d.readImage(0).getRGB(1, 0) & 0xffffff);
        assertEquals(List.of(target.getFileName()), names(dir), "no staging folder is left");
    }

    @Test
    void closingWithoutCommitLeavesNothing() {
        Path target = dir.resolve("ds");
        try (BrodenWriter w = BrodenWriter.create(target, SPACE)) {
            w.write(0, image("a", new int[2], new int[2], 4));
        }
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void refusesANonEmptyTargetAndBadLabels() throws Exception {
        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/x"), "mine");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> BrodenWriter.create(dir.resolve("taken"),
                SPACE));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        try (BrodenWriter w = BrodenWriter.create(dir.resolve("empty"), SPACE)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(0, image("a", new int[] {3, 0}, new int[2], 4)),
                    "wood is a material, not an object");
            assertThrows(IllegalArgumentException.class, () -> w.write(0, image("a", new int[2], new int[2], 1)),
                    "dog is no scene");
            w.write(0, image("a", new int[2], new int[2], 4));
            assertThrows(IllegalArgumentException.class, () -> w.write(0, image("b", new int[2], new int[2], 4)));
            assertThrows(IllegalStateException.class, () -> {
                w.write(2, image("c", new int[2], new int[2], 4));
                w.commit("");
            }, "index 1 is missing");
        }
    }

    @Test
    void threadsWritingIntoANewFolderAtOnce() throws Exception {
        // regression: a thread wrote into a folder another thread was still creating. All threads
        // start each new folder together; against the old code a round failed about half the time
        int threads = 8;
        int folders = 40;
        for (int round = 0; round < 5; round++) {
            Path target = dir.resolve("ds" + round);
            try (BrodenWriter w = BrodenWriter.create(target, SPACE);
                    ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int k = 0; k < folders; k++) {
                            int i = k * threads + thread;
                            w.write(i, image("f" + k + "/img" + i, new int[] {1, 0}, new int[2], 4));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
                w.commit("");
            }
            assertEquals(threads * folders, BrodenDataset.open(target).size());
        }
    }

    private static List<Path> names(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(Path::getFileName).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
