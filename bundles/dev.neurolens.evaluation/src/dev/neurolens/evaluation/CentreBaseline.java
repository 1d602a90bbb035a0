package dev.neurolens.evaluation;

import dev.neurolens.core.tensor.Tensor;

/**
 * The centre baseline of the pointing game (Zhang et al. 2016): a map that ignores the image and
 * peaks at its centre, {@code exp(−d²/(2σ²))} with {@code d} the distance to the centre
 * {@code ((W−1)/2, (H−1)/2)} and {@code σ} a quarter of the shorter side. An explanation method is
 * only informative where it beats this map. (On an even-sized image four pixels tie for the
 * maximum; {@link PointingGame} takes the first, the upper left one of the four.)
 */
public final class CentreBaseline {
    private CentreBaseline() {
    }

    /** The baseline map {@code [height, width]}. */
    public static Tensor map(int height, int width) {
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        double sigma = Math.min(height, width) / 4.0;
        float[] v = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                v[y * width + x] = (float) Math.exp(-d2 / (2 * sigma * sigma));
            }
        }
        return Tensor.wrap(v, height, width);
    }
}
