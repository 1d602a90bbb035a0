package dev.neurolens.evaluation;

import dev.neurolens.core.tensor.Tensor;

/**
 * The pointing game of Zhang et al. (2016, "Top-down neural attention by excitation backprop"):
 * a map scores a hit when its maximum lies on the object, i.e. inside the ground-truth mask or
 * within {@code tolerance} pixels of it (Zhang et al. use 15 pixels on ImageNet-sized images;
 * NeuroLens uses 0 by default: the maximum must be on the object itself). The accuracy over a set
 * of images is hits / images.
 *
 * <p>Ties: the maximum is the first maximal pixel in row-major order; a constant map (no maximum
 * to point at, e.g. an all-zero Grad-CAM) is always a miss.
 */
public final class PointingGame {
    private PointingGame() {
    }

    /**
     * Whether {@code map}'s maximum hits the mask.
     *
     * @param map the per-pixel map {@code [H,W]}
     * @param mask {@code H*W} flags, row-major: true on the object
     * @param tolerance the hit radius in pixels around the mask (Euclidean), 0 for none
     * @throws IllegalArgumentException if the sizes do not match or the tolerance is negative
     */
    public static boolean hit(Tensor map, boolean[] mask, int tolerance) {
        if (map.rank() != 2 || map.size() != mask.length) {
            throw new IllegalArgumentException("pointing game needs an [H,W] map of " + mask.length
                    + " values, got " + map.shapeString());
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        int best = 0;
        float min = map.get(0);
        for (int i = 1; i < map.size(); i++) {
            if (map.get(i) > map.get(best)) {
                best = i;
            }
            min = Math.min(min, map.get(i));
        }
        if (!(map.get(best) > min)) {
            return false;
        }
        int w = map.dim(1);
        int h = map.dim(0);
        int by = best / w;
        int bx = best % w;
        for (int y = Math.max(0, by - tolerance); y <= Math.min(h - 1, by + tolerance); y++) {
            for (int x = Math.max(0, bx - tolerance); x <= Math.min(w - 1, bx + tolerance); x++) {
                int dy = y - by;
                int dx = x - bx;
                if (dx * dx + dy * dy <= tolerance * tolerance && mask[y * w + x]) {
                    return true;
                }
            }
        }
        return false;
    }
}
