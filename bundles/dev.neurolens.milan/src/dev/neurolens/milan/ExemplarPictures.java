package dev.neurolens.milan;

import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.data.BrodenDataset;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pictures of the exemplars that support a description: each exemplar image at a fixed size, the
 * unit's region at full brightness and outlined, the rest dimmed; the exemplars the best
 * description fits best come first.
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

    /** One exemplar: its image resized to {@code size x size}, outside the region dimmed. */
    static BufferedImage picture(BrodenDataset dataset, Exemplar e, int size) {
        BufferedImage img = Heatmaps.resize(dataset.readImage(e.image()), size, size);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean in = inside(e, x, y, size);
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (in && isEdge(e, x, y, size)) {
                    rgb = OUTLINE;
                } else if (!in) {
                    rgb = dim(rgb);
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static boolean inside(Exemplar e, int x, int y, int size) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return false;
        }
        return e.covers(x * e.width() / size, y * e.height() / size);
    }

    private static boolean isEdge(Exemplar e, int x, int y, int size) {
        return !inside(e, x - 1, y, size) || !inside(e, x + 1, y, size) || !inside(e, x, y - 1, size)
                || !inside(e, x, y + 1, size);
    }

    private static int dim(int rgb) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            out |= (int) Math.round(((rgb >> shift) & 0xff) * DIM) << shift;
        }
        return out;
    }
}
