package dev.neurolens.core.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/** Conversions between {@link BufferedImage}s and packed {@code 0xRRGGBB} pixel arrays. */
final class RgbImages {
    private RgbImages() {
    }

    /**
     * The pixels of {@code img} as packed {@code 0xRRGGBB}, row-major, in a new array. Alpha is
     * dropped (the colour is kept as it is, as Pillow's {@code convert("RGB")} does); grey images
     * are expanded by repeating the grey value; 16-bit samples keep their high byte. Grey and RGB
     * samples are taken as stored, with no colour-space conversion, again as Pillow does.
     */
    static int[] pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] out = new int[w * h];
        ColorModel cm = img.getColorModel();
        int type = cm.getColorSpace().getType();
        int transfer = cm.getTransferType();
        if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()
                && (type == ColorSpace.TYPE_RGB || type == ColorSpace.TYPE_GRAY)
                && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)) {
            Raster raster = img.getRaster();
            int bands = raster.getNumBands();
            int shift = transfer == DataBuffer.TYPE_USHORT ? 8 : 0;
            boolean gray = type == ColorSpace.TYPE_GRAY;
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int i = x * bands;
                    int r = (row[i] >> shift) & 0xff;
                    int g = gray ? r : (row[i + 1] >> shift) & 0xff;
                    int b = gray ? r : (row[i + 2] >> shift) & 0xff;
                    out[y * w + x] = r << 16 | g << 8 | b;
                }
            }
        } else {
            img.getRGB(0, 0, w, h, out, 0, w);
            for (int i = 0; i < out.length; i++) {
                out[i] &= 0xffffff;
            }
        }
        return out;
    }

    /** {@code img} itself if it is {@link BufferedImage#TYPE_INT_RGB}, else a converted copy. */
    static BufferedImage toIntRgb(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_INT_RGB ? img : image(pixels(img), img.getWidth(), img.getHeight());
    }

    /** A {@link BufferedImage#TYPE_INT_RGB} image that owns {@code pixels}. */
    static BufferedImage image(int[] pixels, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, data.length);
        return img;
    }
}
