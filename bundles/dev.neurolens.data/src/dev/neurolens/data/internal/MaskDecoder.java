package dev.neurolens.data.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a Broden label mask: the label of a pixel is {@code red + 256 * green}, read from the
 * stored samples without any colour-space conversion (a PNG with a colour profile must not change
 * label numbers). A single-channel (grey) mask holds the label in its one channel (8 or 16 bit).
 */
public final class MaskDecoder {
    private MaskDecoder() {
    }

    /** A decoded mask: labels row-major, {@code width * height} of them. */
    public record Mask(int width, int height, int[] labels) {
    }

    /**
     * Decodes the mask file.
     *
     * @throws IOException if the file cannot be read or is not an image ImageIO can decode (the
     *     caller adds the context: which index row refers to it)
     */
    public static Mask read(Path file) throws IOException {
        try (ImageInputStream in = open(file)) {
            // an explicit reader rather than ImageIO.read(stream), which closes the stream itself
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image ImageIO can decode");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                return new Mask(img.getWidth(), img.getHeight(), labels(img));
            } finally {
                reader.dispose();
            }
        }
    }

    /** The labels of a decoded image. */
    public static int[] labels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        ColorModel cm = img.getColorModel();
        int type = cm.getColorSpace().getType();
        int transfer = cm.getTransferType();
        Raster raster = img.getRaster();
        if (cm instanceof ComponentColorModel && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)) {
            if (type == ColorSpace.TYPE_GRAY) {
                return raster.getSamples(0, 0, w, h, 0, new int[n]);
            }
            if (type == ColorSpace.TYPE_RGB && raster.getNumBands() >= 3) {
                int shift = transfer == DataBuffer.TYPE_USHORT ? 8 : 0; // 16-bit samples: keep the high byte
                int[] red = raster.getSamples(0, 0, w, h, 0, new int[n]);
                int[] green = raster.getSamples(0, 0, w, h, 1, new int[n]);
                for (int i = 0; i < n; i++) {
                    red[i] = ((red[i] >> shift) & 0xff) + 256 * ((green[i] >> shift) & 0xff);
                }
                return red;
            }
        }
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w); // palette and other layouts
        for (int i = 0; i < n; i++) {
            rgb[i] = ((rgb[i] >> 16) & 0xff) + 256 * ((rgb[i] >> 8) & 0xff);
        }
        return rgb;
    }

    private static ImageInputStream open(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            return new FileImageInputStream(file.toFile());
        }
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(Files.readAllBytes(file)));
    }
}
