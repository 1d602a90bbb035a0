package dev.neurolens.data.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder for 8-bit RGB pixels. The JDK's ImageIO writer costs about a millisecond
 * per small image in set-up alone; a dataset of ten thousand scenes writes forty thousand PNGs,
 * so this one writes the three chunks PNG needs (IHDR, IDAT, IEND) directly with a
 * {@link Deflater}. Any PNG reader decodes the result.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_NONE = 0;
    private static final int FILTER_SUB = 1;

    private PngEncoder() {
    }

    /**
     * The PNG bytes of packed {@code 0xRRGGBB} pixels, row-major. Rows use PNG's "sub" filter,
     * which suits smooth regions.
     */
    public static byte[] rgb(int[] pixels, int width, int height) {
        check(pixels.length, width, height);
        int stride = 1 + 3 * width;
        byte[] raw = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            int o = y * stride;
            raw[o] = FILTER_SUB;
            int prevR = 0;
            int prevG = 0;
            int prevB = 0;
            for (int x = 0; x < width; x++) {
                int p = pixels[y * width + x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                raw[o + 1 + 3 * x] = (byte) (r - prevR);
                raw[o + 2 + 3 * x] = (byte) (g - prevG);
                raw[o + 3 + 3 * x] = (byte) (b - prevB);
                prevR = r;
                prevG = g;
                prevB = b;
            }
        }
        return png(raw, width, height);
    }

    /**
     * The PNG bytes of a Broden label mask: label {@code v} (0..65535) is stored as red
     * {@code v % 256} and green {@code v / 256}, blue 0.
     *
     * @throws IllegalArgumentException if a label is outside 0..65535
     */
    public static byte[] labels(int[] labels, int width, int height) {
        check(labels.length, width, height);
        int stride = 1 + 3 * width;
        byte[] raw = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            int o = y * stride;
            raw[o] = FILTER_NONE; // masks are long runs of one value: plain rows deflate best
            for (int x = 0; x < width; x++) {
                int v = labels[y * width + x];
                if (v < 0 || v > 0xffff) {
                    throw new IllegalArgumentException("label " + v + " at (" + x + "," + y
                            + ") does not fit a Broden mask (0..65535)");
                }
                raw[o + 1 + 3 * x] = (byte) (v & 0xff);
                raw[o + 2 + 3 * x] = (byte) (v >> 8);
            }
        }
        return png(raw, width, height);
    }

    private static void check(int length, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != length) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " pixels, got " + length);
        }
    }

    private static byte[] png(byte[] raw, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: truecolour
        // compression, filter and interlace methods: 0
        chunk(out, "IHDR", ihdr, ihdr.length);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buffer = new byte[raw.length + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                }
                n += deflater.deflate(buffer, n, buffer.length - n);
            }
            chunk(out, "IDAT", buffer, n);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] header = new byte[8];
        putInt(header, 0, length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(typeBytes, 0, header, 4, 4);
        out.write(header, 0, 8);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        byte[] crcBytes = new byte[4];
        putInt(crcBytes, 0, (int) crc.getValue());
        out.write(crcBytes, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
