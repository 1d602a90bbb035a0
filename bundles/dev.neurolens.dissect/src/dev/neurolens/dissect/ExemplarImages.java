package dev.neurolens.dissect;

import java.awt.image.BufferedImage;

/**
 * Pictures of exemplars as Network Dissection shows them: the image with the unit's binary mask
 * highlighted (pixels outside it dimmed, its outline drawn), cropped to the receptive field of the
 * peak and enlarged for display.
 */
public final class ExemplarImages {
    private static final int OUTLINE = 0xffd400;

    private ExemplarImages() {
    }

    /**
     * The picture of {@code e} on {@code image}, the image as the model saw it (fitted to the input
     * size, which the receptive field refers to).
     *
     * @param image the fitted input image
     * @param crop whether to crop to the receptive field (otherwise the whole image)
     * @param size the longer side of the returned picture, in pixels (enlarged by whole pixels)
     */
    public static BufferedImage render(BufferedImage image, Exemplar e, boolean crop, int size) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage lit = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = inMask(e, x, y, w, h);
                int rgb = image.getRGB(x, y) & 0xffffff;
                boolean edge = in && (!inMask(e, x - 1, y, w, h) || !inMask(e, x + 1, y, w, h)
                        || !inMask(e, x, y - 1, w, h) || !inMask(e, x, y + 1, w, h));
                lit.setRGB(x, y, edge ? OUTLINE : in ? rgb : dim(rgb));
            }
        }
        Region r = crop ? e.field() : new Region(0, 0, h - 1, w - 1);
        int scale = Math.max(1, size / Math.max(r.width(), r.height()));
        BufferedImage out = new BufferedImage(r.width() * scale, r.height() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, lit.getRGB(r.left() + x / scale, r.top() + y / scale));
            }
        }
        return out;
    }

    /** Whether image pixel (x, y) falls on the mask (nearest mask pixel; outside the image: no). */
    private static boolean inMask(Exemplar e, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return false;
        }
        int my = Math.min(e.maskHeight() - 1, (int) ((y + 0.5) * e.maskHeight() / h));
        int mx = Math.min(e.maskWidth() - 1, (int) ((x + 0.5) * e.maskWidth() / w));
        return e.masked(my, mx);
    }

    private static int dim(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (r * 35 / 100) << 16 | (g * 35 / 100) << 8 | b * 35 / 100;
    }
}
