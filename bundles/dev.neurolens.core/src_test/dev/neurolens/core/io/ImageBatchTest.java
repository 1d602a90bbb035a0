package dev.neurolens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBatchTest {

    private static Path png(Path dir, String name, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Png.write(img, f);
        return f;
    }

    @Test
    void stacksPreprocessedImagesAndNamesThemUniquely(@TempDir Path tmp) throws Exception {
        Path a = png(tmp.resolve("one"), "cat.png", 0xff0000);
        Path b = png(tmp.resolve("two"), "cat.png", 0x0000ff);
        Path c = png(tmp, "dog.v1.png", 0x00ff00);
        Preprocessing pre = Preprocessing.plain(4, 4);
        ImageBatch batch = ImageBatch.load(List.of(a, b, c), pre);
        assertEquals(List.of("cat", "cat-2", "dog.v1"), batch.names());
        assertArrayEquals(new int[] {3, 3, 4, 4}, batch.batch().shape());
        assertEquals(4, batch.pictures().get(0).getWidth());
        // a red image: channel 0 is 1, channel 2 is 0 (plain preprocessing scales to [0,1])
        assertEquals(1f, batch.batch().at(0, 0, 1, 1));
        assertEquals(0f, batch.batch().at(0, 2, 1, 1));
        assertEquals(1f, batch.batch().at(1, 2, 1, 1));
    }

    @Test
    void namesTheUnreadableFile() {
        Path missing = Path.of("no-such-dir", "missing.png");
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> ImageBatch.load(List.of(missing), Preprocessing.plain(4, 4)));
        assertEquals("image not found: " + missing, e.getMessage());
    }
}
