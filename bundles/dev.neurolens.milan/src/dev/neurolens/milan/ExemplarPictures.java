package dev.neurolens.milan;

import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.data.BrodenDataset;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pictures of the exemplars that support a description: each exemplar cropped around the unit's
 * region ({@link #crop}) and shown at a fixed size, the region at full brightness and outlined,
 * the rest dimmed; the exemplars the best description fits best come first.
 */
public final class ExemplarPictures {
    private static final int OUTLINE = 0xffd400;
    private static final double DIM = 0.3;
    private static final int GAP = 4;

    private ExemplarPictures() {
    }

    /**
     * The indexes of the exemplars to show: the best-supported first (ties: the more active
     * first), at most {@code count}.
     */
    public static List<Integer> supporting(UnitDescription d, int count) {
        double[] support = d.support();
        return IntStream.range(0, d.exemplars().size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -support[i]).thenComparingInt(i -> i))
                .limit(count).toList();
    }

    /**
     * A strip of the supporting exemplars of a unit ({@link #supporting}), each {@code size x size}
     * pixels, or {@code null} if the unit has no exemplar.
     */
    public static BufferedImage strip(BrodenDataset dataset, UnitDescription d, int count, int size) {
        List<BufferedImage> pictures = new ArrayList<>();
        for (int i : supporting(d, count)) {
            pictures.add(picture(dataset, d.exemplars().exemplars().get(i), size));
        }
        return pictures.isEmpty() ? null : Heatmaps.sideBySide(pictures, GAP);
    }

    /** One exemplar: its crop resized to {@code size x size}, outside the region dimmed. */
    static BufferedImage picture(BrodenDataset dataset, Exemplar e, int size) {
        BufferedImage full = dataset.readImage(e.image());
        int[] c = crop(e);
        // the crop in image pixels (mask pixel (x, y) covers image x * iw / sw ..)
        double sx = (double) full.getWidth() / e.width();
        double sy = (double) full.getHeight() / e.height();
        int x0 = (int) Math.floor(c[0] * sx);
        int y0 = (int) Math.floor(c[1] * sy);
        int x1 = Math.max(x0 + 1, (int) Math.ceil(c[2] * sx));
        int y1 = Math.max(y0 + 1, (int) Math.ceil(c[3] * sy));
        BufferedImage img = Heatmaps.resize(full.getSubimage(x0, y0, x1 - x0, y1 - y0), size, size);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean in = inside(e, c, x, y, size);
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (in && isEdge(e, c, x, y, size)) {
                    rgb = OUTLINE;
                } else if (!in) {
                    rgb = dim(rgb);
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /**
     * The square window of the mask {@code {x0, y0, x1, y1}} (exclusive ends) shown for an
     * exemplar: the region's bounding box grown by half its size on every side, at least half the
     * mask's shorter side, made square and moved inside the mask; the whole mask if the region
     * is empty.
     */
    static int[] crop(Exemplar e) {
        java.util.BitSet m = e.mask();
        if (m.isEmpty()) {
            return new int[] {0, 0, e.width(), e.height()};
        }
        int minX = e.width();
        int minY = e.height();
        int maxX = -1;
        int maxY = -1;
        for (int i = m.nextSetBit(0); i >= 0; i = m.nextSetBit(i + 1)) {
            int x = i % e.width();
            int y = i / e.width();
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int limit = Math.min(e.width(), e.height());
        int side = Math.max(maxX - minX + 1, maxY - minY + 1);
        side = Math.min(limit, Math.max(limit / 2, 2 * side));
        int cx = (minX + maxX + 1) / 2;
        int cy = (minY + maxY + 1) / 2;
        int x0 = Math.max(0, Math.min(e.width() - side, cx - side / 2));
        int y0 = Math.max(0, Math.min(e.height() - side, cy - side / 2));
        return new int[] {x0, y0, x0 + side, y0 + side};
    }

    private static boolean inside(Exemplar e, int[] c, int x, int y, int size) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return false;
        }
        int side = c[2] - c[0];
        return e.covers(c[0] + x * side / size, c[1] + y * (c[3] - c[1]) / size);
    }

    private static boolean isEdge(Exemplar e, int[] c, int x, int y, int size) {
        return !inside(e, c, x - 1, y, size) || !inside(e, c, x + 1, y, size) || !inside(e, c, x, y - 1, size)
                || !inside(e, c, x, y + 1, size);
    }

    private static int dim(int rgb) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            out |= (int) Math.round(((rgb >> shift) & 0xff) * DIM) << shift;
        }
        return out;
    }
}
