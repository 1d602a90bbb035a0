package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.Preprocessing.ChannelOrder;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Images in and out of tensors, as Python pipelines built on Pillow prepare them: decode to 8-bit
 * RGB, crop the centre, resize with Pillow's bilinear filter, scale and normalize.
 *
 * <p>With the same {@link Preprocessing}, {@link #load} gives the same tensor as
 * {@code Image.open(f).convert("RGB")}, a centre crop, {@code resize(size, Image.BILINEAR)},
 * {@code / scale} and {@code (v - mean) / std} in float32 (JPEG decoding may differ by a level
 * where the two decoders differ).
 */
public final class Images {
    private static final String FORMATS = "PNG/JPEG/BMP/GIF";

    private Images() {
    }

    /**
     * Decodes an image file (PNG, JPEG, BMP, GIF, TIFF, WBMP; the first frame of an animation) to
     * {@link BufferedImage#TYPE_INT_RGB}. Alpha is dropped, keeping the colour under it (as
     * Pillow's {@code convert("RGB")}); grey images are expanded to three equal channels.
     *
     * @throws NeuroLensException naming the file if it is missing, empty, truncated or cannot be
     *     decoded
     */
    public static BufferedImage read(Path file) {
        if (!Files.exists(file)) {
            throw new NeuroLensException("image not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new NeuroLensException("cannot read image " + file + ": it is a folder");
        }
        try {
            if (Files.size(file) == 0) {
                throw new NeuroLensException("cannot decode image " + file + ": the file is empty");
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        try (ImageInputStream in = open(file)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new NeuroLensException("cannot decode image " + file + ": not a " + FORMATS + " image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage img = reader.read(0);
                for (String warning : warnings) {
                    String w = warning.toLowerCase(Locale.ROOT);
                    if (w.contains("truncated") || w.contains("premature end")) {
                        // the JDK's JPEG reader fills the missing part with grey and only warns
                        throw new NeuroLensException("cannot decode image " + file + ": the file is truncated ("
                                + warning + ")");
                    }
                }
                if (img.getWidth() <= 0 || img.getHeight() <= 0) {
                    throw new NeuroLensException("cannot decode image " + file + ": it has no pixels");
                }
                return RgbImages.toIntRgb(img);
            } catch (IOException | RuntimeException e) {
                if (e instanceof NeuroLensException n) {
                    throw n;
                }
                throw new NeuroLensException("cannot decode image " + file + ": damaged or unsupported "
                        + reader.getFormatName().toUpperCase(Locale.ROOT) + " data (" + reason(e) + ")", e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot read image " + file + ": " + reason(e), e);
        }
    }

    /**
     * Fits an image to the input size: {@link Preprocessing.Resize#CENTER_CROP} crops the largest
     * central region with the input's aspect ratio (for a square input the central
     * {@code min(w,h)} square, at offsets {@code (w-side)/2} and {@code (h-side)/2}), then resizes
     * it; {@link Preprocessing.Resize#STRETCH} resizes the whole image. Resizing is Pillow's
     * antialiased bilinear filter, rounded to 8 bits like Pillow.
     *
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image of {@code p.width() x p.height()}
     */
    public static BufferedImage fit(BufferedImage img, Preprocessing p) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] pixels = RgbImages.pixels(img);
        if (p.resize() == Preprocessing.Resize.CENTER_CROP) {
            int cropW = w;
            int cropH = h;
            if ((long) w * p.height() > (long) h * p.width()) {
                cropW = (int) Math.max(1, Math.min(w, Math.round((double) h * p.width() / p.height())));
            } else {
                cropH = (int) Math.max(1, Math.min(h, Math.round((double) w * p.height() / p.width())));
            }
            pixels = crop(pixels, w, (w - cropW) / 2, (h - cropH) / 2, cropW, cropH);
            w = cropW;
            h = cropH;
        }
        return RgbImages.image(BilinearResampler.resize(pixels, w, h, p.width(), p.height()), p.width(),
                p.height());
    }

    /**
     * The input tensor for a fitted image, without the batch axis: {@code [C,H,W]} for
     * {@link Layout#NCHW}, {@code [H,W,C]} for {@link Layout#NHWC}. Each 8-bit value {@code v}
     * becomes {@code (v / scale - mean[c]) / std[c]} in float32, channels in the preprocessing's
     * order ({@code mean} and {@code std} are given in that order too); {@link ChannelOrder#GRAY}
     * uses {@code 0.299 R + 0.587 G + 0.114 B}.
     *
     * @throws IllegalArgumentException if the image is not of the input size (call {@link #fit}
     *     first)
     */
    public static Tensor toTensor(BufferedImage fitted, Preprocessing p) {
        int w = fitted.getWidth();
        int h = fitted.getHeight();
        if (w != p.width() || h != p.height()) {
            throw new IllegalArgumentException("image is " + w + "x" + h + " but the model takes " + p.width() + "x"
                    + p.height() + "; fit it first");
        }
        int[] pixels = RgbImages.pixels(fitted);
        int c = p.channels();
        float[] mean = p.mean();
        float[] std = p.std();
        float scale = p.scale();
        boolean chw = p.layout() == Layout.NCHW;
        int plane = w * h;
        float[] out = new float[plane * c];
        for (int i = 0; i < plane; i++) {
            int rgb = pixels[i];
            int r = (rgb >> 16) & 0xff;
            int g = (rgb >> 8) & 0xff;
            int b = rgb & 0xff;
            for (int k = 0; k < c; k++) {
                float v = switch (p.channelOrder()) {
                    case RGB -> k == 0 ? r : k == 1 ? g : b;
                    case BGR -> k == 0 ? b : k == 1 ? g : r;
                    case GRAY -> (float) (0.299 * r + 0.587 * g + 0.114 * b);
                };
                out[chw ? k * plane + i : i * c + k] = (v / scale - mean[k]) / std[k];
            }
        }
        return chw ? Tensor.wrap(out, c, h, w) : Tensor.wrap(out, h, w, c);
    }

    /** {@link #read}, {@link #fit} and {@link #toTensor} in one step. */
    public static Tensor load(Path file, Preprocessing p) {
        return toTensor(fit(read(file), p), p);
    }

    /**
     * The image an input tensor shows, for display: the inverse of {@link #toTensor}
     * ({@code (x * std + mean) * scale}, rounded and clamped to 0..255). Takes {@code [C,H,W]}
     * for {@link Layout#NCHW} or {@code [H,W,C]} for {@link Layout#NHWC}, or either with a batch
     * axis of size 1; the image has the tensor's width and height.
     *
     * @throws IllegalArgumentException if the tensor's shape does not fit the preprocessing
     */
    public static BufferedImage fromTensor(Tensor chw, Preprocessing p) {
        Tensor t = chw.rank() == 4 && chw.dim(0) == 1 ? chw.slice(0) : chw;
        boolean planar = p.layout() == Layout.NCHW;
        int c = p.channels();
        if (t.rank() != 3 || (planar ? t.dim(0) : t.dim(2)) != c) {
            throw new IllegalArgumentException("expected an image tensor " + (planar ? "[" + c + ",H,W]" : "[H,W," + c
                    + "]") + " for " + p.channelOrder() + " " + p.layout() + ", got " + chw.shapeString());
        }
        int h = planar ? t.dim(1) : t.dim(0);
        int w = planar ? t.dim(2) : t.dim(1);
        int plane = w * h;
        float[] mean = p.mean();
        float[] std = p.std();
        int[] pixels = new int[plane];
        int[] v = new int[3];
        for (int i = 0; i < plane; i++) {
            for (int k = 0; k < c; k++) {
                float x = t.get(planar ? k * plane + i : i * c + k);
                v[k] = byteValue((x * std[k] + mean[k]) * p.scale());
            }
            pixels[i] = switch (p.channelOrder()) {
                case RGB -> v[0] << 16 | v[1] << 8 | v[2];
                case BGR -> v[2] << 16 | v[1] << 8 | v[0];
                case GRAY -> v[0] << 16 | v[0] << 8 | v[0];
            };
        }
        return RgbImages.image(pixels, w, h);
    }

    private static int byteValue(float v) {
        if (!(v > 0)) {
            return 0; // also NaN
        }
        return (int) Math.min(255, Math.round(v));
    }

    private static int[] crop(int[] pixels, int width, int x0, int y0, int cropW, int cropH) {
        int[] out = new int[cropW * cropH];
        for (int y = 0; y < cropH; y++) {
            System.arraycopy(pixels, (y0 + y) * width + x0, out, y * cropW, cropW);
        }
        return out;
    }

    private static ImageInputStream open(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            return new FileImageInputStream(file.toFile());
        }
        return new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static String reason(Exception e) {
        StringBuilder sb = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !sb.toString().contains(cause.getMessage())) {
            sb.append(": ").append(cause.getMessage());
        }
        return sb.toString();
    }
}
