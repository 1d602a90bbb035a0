package dev.neurolens.gradcam;

import dev.neurolens.core.tensor.Tensor;
import java.util.List;

/**
 * Resizes a {@code [h,w]} map to {@code [H,W]} as PyTorch's {@code F.interpolate} does (what
 * Captum's {@code LayerAttribution.interpolate} calls).
 */
enum Upsampling {
    /**
     * {@code mode='bilinear', align_corners=False}: half-pixel centres, source coordinate
     * {@code max(0, (i + ½)·in/out − ½)}, edge clamped.
     */
    BILINEAR,
    /** {@code mode='nearest'}: source index {@code min(⌊i·in/out⌋, in − 1)} (Captum's default for Guided Grad-CAM). */
    NEAREST;

    /** The names as parameters take them. */
    static final List<String> IDS = List.of("nearest", "bilinear");

    /** The mode of that name ({@code nearest} or {@code bilinear}). */
    static Upsampling of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }

    /** Resizes {@code map} ({@code [h,w]}) to {@code height x width}. */
    Tensor resize(Tensor map, int height, int width) {
        int h = map.dim(0);
        int w = map.dim(1);
        float[] out = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = this == NEAREST
                        ? map.get(nearest(y, h, height) * w + nearest(x, w, width))
                        : bilinear(map, h, w, y, x, height, width);
            }
        }
        return Tensor.wrap(out, height, width);
    }

    private static int nearest(int i, int in, int out) {
        return Math.min((int) Math.floor(i * ((double) in / out)), in - 1);
    }

    private static float bilinear(Tensor map, int h, int w, int y, int x, int height, int width) {
        double sy = source(y, h, height);
        double sx = source(x, w, width);
        int y0 = (int) sy;
        int x0 = (int) sx;
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double ly = sy - y0;
        double lx = sx - x0;
        double top = (1 - lx) * map.get(y0 * w + x0) + lx * map.get(y0 * w + x1);
        double bottom = (1 - lx) * map.get(y1 * w + x0) + lx * map.get(y1 * w + x1);
        return (float) ((1 - ly) * top + ly * bottom);
    }

    /** The half-pixel source coordinate of output index {@code i}, clamped at 0. */
    static double source(int i, int in, int out) {
        double s = (i + 0.5) * ((double) in / out) - 0.5;
        return Math.max(0, s);
    }
}
