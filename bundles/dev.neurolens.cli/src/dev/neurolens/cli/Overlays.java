package dev.neurolens.cli;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.io.ChannelReduction;
import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.core.io.Scaling;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;

/**
 * How attribution maps are drawn over their images, the same for {@code explain} and
 * {@code demo}: the upsampled map where there is one (CAMs), input-space {@code [C,H,W]} maps
 * reduced per pixel by the result's {@code view} parameter ({@code signed} = sum, {@code abs} =
 * sum of absolute values (the default), {@code max} = largest absolute value); maps with
 * negative values in a diverging colormap around zero (seismic), non-negative maps in inferno
 * from their minimum to their maximum.
 */
final class Overlays {
    /** The heatmap's weight over the image. */
    static final float ALPHA = 0.6f;

    private Overlays() {
    }

    /** The channel reduction a {@code view} parameter names ({@code abs} when absent or unknown). */
    static ChannelReduction reduction(String view) {
        return switch (view == null ? "abs" : view) {
            case "signed" -> ChannelReduction.SUM;
            case "max" -> ChannelReduction.MAX_ABS;
            default -> ChannelReduction.ABS_SUM;
        };
    }

    /** The map to draw, one value per pixel. */
    static Tensor plane(AttributionMap map, String view, Layout layout) {
        Tensor show = map.upsampled().orElse(map.map());
        return show.rank() == 3 ? reduction(view).reduce(show, layout) : show;
    }

    /** The heatmap alone, at the map's resolution. */
    static BufferedImage heat(Tensor plane) {
        boolean signed = hasNegative(plane);
        return Heatmaps.render(plane, signed ? Colormap.SEISMIC : Colormap.INFERNO,
                signed ? Scaling.SYMMETRIC : Scaling.MIN_MAX);
    }

    /** The heatmap blended over {@code base}, at {@code width x height}. */
    static BufferedImage overlay(AttributionMap map, String view, Layout layout, BufferedImage base, int width,
            int height) {
        BufferedImage under = base.getWidth() == width && base.getHeight() == height ? base
                : Heatmaps.resize(base, width, height);
        return Heatmaps.overlay(under, heat(plane(map, view, layout)), ALPHA);
    }

    static boolean hasNegative(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i) < 0) {
                return true;
            }
        }
        return false;
    }
}
