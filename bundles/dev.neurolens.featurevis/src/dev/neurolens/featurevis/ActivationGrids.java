package dev.neurolens.featurevis;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer's activations for one image as a grid of channel maps ("visualization of activations"):
 * every map coloured by {@link Colormap#VIRIDIS} on one scale for the whole layer, {@code a / max a}
 * (negative values clipped to 0), so that weak and dead channels look dark.
 */
public final class ActivationGrids {
    private ActivationGrids() {
    }

    /** One tile per channel of {@code [1,C,h,w]} or {@code [C,h,w]} activations. */
    public static List<BufferedImage> tiles(Tensor activations) {
        Tensor a = activations.rank() == 4 && activations.dim(0) == 1 ? activations.slice(0) : activations;
        if (a.rank() != 3) {
            throw new NeuroLensException("activation maps need a spatial layer [C,H,W]; this one is "
                    + activations.shapeString());
        }
        int c = a.dim(0);
        int h = a.dim(1);
        int w = a.dim(2);
        float max = 0;
        for (float v : a.data()) {
            max = Math.max(max, v);
        }
        List<BufferedImage> tiles = new ArrayList<>();
        float[] d = a.data();
        for (int k = 0; k < c; k++) {
            BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = d[(k * h + y) * w + x];
                    t.setRGB(x, y, Colormap.VIRIDIS.rgb(max > 0 ? Math.max(0, v) / max : 0));
                }
            }
            tiles.add(t);
        }
        return tiles;
    }
}
