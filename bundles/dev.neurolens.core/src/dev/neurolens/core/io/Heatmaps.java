package dev.neurolens.core.io;

import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.List;

/** Renders attribution maps as colour images, and combines images for display. */
public final class Heatmaps {
    private Heatmaps() {
    }

    /**
     * Colours a map: each value is placed in [0,1] by {@code scaling} and coloured by {@code cm}.
     * A map with no spread renders as the scaling's neutral position (the colormap's 0, or 0.5
     * for {@link Scaling#SYMMETRIC}); NaN values do too.
     *
     * @param map a {@code [H,W]} map (for {@code [C,H,W]} maps, reduce the channels first with a
     *     {@link ChannelReduction})
     * @return a {@link BufferedImage#TYPE_INT_RGB} image of {@code W x H} pixels
     * @throws IllegalArgumentException if the map is not of rank 2 or is empty
     */
    public static BufferedImage render(Tensor map, Colormap cm, Scaling scaling) {
        if (map.rank() != 2 || map.size() == 0) {
            throw new IllegalArgumentException("a heatmap needs a non-empty [H,W] map, got " + map.shapeString()
                    + (map.rank() == 3 ? "; reduce its channels first" : ""));
        }
        float[] t = scaling.apply(map);
        int[] pixels = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            pixels[i] = cm.rgb(t[i]);
        }
        return RgbImages.image(pixels, map.dim(1), map.dim(0));
    }

    /**
     * Resizes an image with Pillow's bilinear filter (smooth when enlarging, averaging when
     * shrinking), e.g. a 7x7 Grad-CAM map to the input's size.
     *
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image (alpha dropped)
     */
    public static BufferedImage resize(BufferedImage img, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("cannot resize to " + width + "x" + height);
        }
        int[] pixels = BilinearResampler.resize(RgbImages.pixels(img), img.getWidth(), img.getHeight(), width,
                height);
        return RgbImages.image(pixels, width, height);
    }

    /**
     * Lays a heatmap over an image: the heatmap is resized to the image's size and blended as
     * {@code (1 - alpha) * base + alpha * heat}, rounded.
     *
     * @param alpha the heatmap's weight in [0,1]
     * @return a new {@link BufferedImage#TYPE_INT_RGB} image of the base's size
     * @throws IllegalArgumentException if {@code alpha} is outside [0,1]
     */
    public static BufferedImage overlay(BufferedImage base, BufferedImage heat, float alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0,1], got " + alpha);
        }
        int w = base.getWidth();
        int h = base.getHeight();
        int[] under = RgbImages.pixels(base);
        int[] over = heat.getWidth() == w && heat.getHeight() == h ? RgbImages.pixels(heat)
                : BilinearResampler.resize(RgbImages.pixels(heat), heat.getWidth(), heat.getHeight(), w, h);
        int[] out = new int[under.length];
        for (int i = 0; i < out.length; i++) {
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int a = (under[i] >> shift) & 0xff;
                int b = (over[i] >> shift) & 0xff;
                rgb |= Math.round((1 - alpha) * a + alpha * b) << shift;
            }
            out[i] = rgb;
        }
        return RgbImages.image(out, w, h);
    }

    /**
     * Places images left to right, top-aligned, {@code gap} white pixels apart, on a white strip
     * as tall as the tallest image.
     *
     * @throws IllegalArgumentException if there are no images or the gap is negative
     */
    public static BufferedImage sideBySide(List<BufferedImage> images, int gap) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to place side by side");
        }
        if (gap < 0) {
            throw new IllegalArgumentException("gap must not be negative, got " + gap);
        }
        long width = (long) gap * (images.size() - 1);
        int height = 0;
        for (BufferedImage img : images) {
            width += img.getWidth();
            height = Math.max(height, img.getHeight());
        }
        if (width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("strip too large: " + width + "x" + height);
        }
        int[] out = new int[(int) width * height];
        java.util.Arrays.fill(out, 0xffffff);
        int x0 = 0;
        for (BufferedImage img : images) {
            int w = img.getWidth();
            int[] pixels = RgbImages.pixels(img);
            for (int y = 0; y < img.getHeight(); y++) {
                System.arraycopy(pixels, y * w, out, y * (int) width + x0, w);
            }
            x0 += w + gap;
        }
        return RgbImages.image(out, (int) width, height);
    }
}
