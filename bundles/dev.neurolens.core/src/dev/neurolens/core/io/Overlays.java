package dev.neurolens.core.io;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;

/**
 * How attribution maps are drawn over their images, the same for the command line and the
 * workbench: the upsampled map where there is one (CAMs), input-space {@code [C,H,W]} maps
 * reduced to one value per pixel (by default as the result's {@code view} parameter says:
 * {@code signed} = sum, {@code abs} = sum of absolute values (the default), {@code max} = largest
 * absolute value); maps with negative values in a diverging colormap around zero (seismic),
 * non-negative maps in inferno from their minimum to their maximum.
 */
public final class Overlays {
    /** The heatmap's default weight over the image. */
    public static final float ALPHA = 0.6f;

    private Overlays() {
    }

    /** The channel reduction a {@code view} parameter names ({@code abs} when absent or unknown). */
    public static ChannelReduction reduction(String view) {
        return switch (view == null ? "abs" : view) {
            case "signed" -> ChannelReduction.SUM;
            case "max" -> ChannelReduction.MAX_ABS;
            default -> ChannelReduction.ABS_SUM;
        };
    }

    /** The map to draw, one value per pixel, reduced as the {@code view} parameter says. */
    public static Tensor plane(AttributionMap map, String view, Layout layout) {
        return planeOf(map, reduction(view), layout);
    }

    /**
     * The map to draw, one value per pixel: the upsampled map where there is one, else the map,
     * with the channels of a rank-3 map reduced by {@code reduction}.
     */
    public static Tensor planeOf(AttributionMap map, ChannelReduction reduction, Layout layout) {
        Tensor show = map.upsampled().orElse(map.map());
        return show.rank() == 3 ? reduction.reduce(show, layout) : show;
    }

    /** The heatmap alone, at the map's resolution, in the default colours for its values. */
    public static BufferedImage heat(Tensor plane) {
        boolean signed = hasNegative(plane);
        return Heatmaps.render(plane, signed ? Colormap.SEISMIC : Colormap.INFERNO,
                signed ? Scaling.SYMMETRIC : Scaling.MIN_MAX);
    }

    /** The heatmap blended over {@code base} with {@link #ALPHA}, at {@code width x height}. */
    public static BufferedImage overlay(AttributionMap map, String view, Layout layout, BufferedImage base, int width,
            int height) {
        return overlay(base, heat(plane(map, view, layout)), width, height, ALPHA);
    }

    /**
     * A rendered heatmap blended over {@code base} at {@code width x height}: both are resized
     * (bilinear) to that size, then mixed as {@code (1 - alpha) * base + alpha * heat}.
     */
    public static BufferedImage overlay(BufferedImage base, BufferedImage heat, int width, int height, float alpha) {
        BufferedImage under = base.getWidth() == width && base.getHeight() == height ? base
                : Heatmaps.resize(base, width, height);
        return Heatmaps.overlay(under, heat, alpha);
    }

    /** Whether any value of {@code t} is negative. */
    public static boolean hasNegative(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i) < 0) {
                return true;
            }
        }
        return false;
    }
}
