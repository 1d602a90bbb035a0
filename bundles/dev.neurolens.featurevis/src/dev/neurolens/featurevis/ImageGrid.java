package dev.neurolens.featurevis;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Images as pictures: RGB planes to images, and tiles laid out in a grid. */
public final class ImageGrid {
    private ImageGrid() {
    }

    /** An image of {@code [3,H,W]} values in [0,1] (rounded, clamped). */
    public static BufferedImage rgb(double[] chw, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int q = y * w + x;
                img.setRGB(x, y, (byteOf(chw[q]) << 16) | (byteOf(chw[plane + q]) << 8) | byteOf(chw[2 * plane + q]));
            }
        }
        return img;
    }

    /**
     * Tiles in rows of {@code columns}, each enlarged {@code zoom} times (nearest neighbour, so
     * that pixels stay visible), {@code gap} pixels apart on a white background.
     */
    public static BufferedImage grid(List<BufferedImage> tiles, int columns, int zoom, int gap) {
        int tw = tiles.stream().mapToInt(BufferedImage::getWidth).max().orElse(1) * zoom;
        int th = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(1) * zoom;
        int cols = Math.max(1, Math.min(columns, tiles.size()));
        int rows = Math.max(1, (tiles.size() + cols - 1) / cols);
        BufferedImage out = new BufferedImage(cols * tw + (cols + 1) * gap, rows * th + (rows + 1) * gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < tiles.size(); i++) {
                BufferedImage t = tiles.get(i);
                g.drawImage(t, gap + (i % cols) * (tw + gap), gap + (i / cols) * (th + gap), t.getWidth() * zoom,
                        t.getHeight() * zoom, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A zoom that makes a tile of {@code size} pixels about {@code target} pixels wide (at least 1). */
    public static int zoomFor(int size, int target) {
        return Math.max(1, Math.round(target / (float) size));
    }

    private static int byteOf(double v) {
        return (int) Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
}
