package dev.neurolens.core.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** PNG encoding with the JDK's own encoder, in memory (no temporary files). */
public final class Png {
    private Png() {
    }

    /**
     * The PNG bytes of an image.
     *
     * @throws IllegalStateException if the JDK has no PNG writer for the image's type
     */
    public static byte[] encode(BufferedImage img) {
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(
                ImageTypeSpecifier.createFromRenderedImage(img), "png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer for images of type " + img.getType());
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(img);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e); // in memory: not expected
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Writes an image as a PNG file, atomically. */
    public static void write(BufferedImage img, Path file) throws IOException {
        byte[] bytes = encode(img);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
