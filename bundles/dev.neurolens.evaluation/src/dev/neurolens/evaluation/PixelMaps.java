package dev.neurolens.evaluation;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.io.ChannelReduction;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;

/**
 * How an attribution becomes one value per input pixel, {@code [H,W]}, for every metric: a
 * layer-resolution map (CAMs) is taken as resized to the input ({@link AttributionMap#upsampled()},
 * bilinear); an input-space map {@code [C,H,W]} is reduced by the sum of absolute values over the
 * channels, {@code Σ_c |a_c(y,x)|} — the magnitude of the evidence, whatever its sign, as Adebayo et
 * al. compare absolute maps and as the pointing game looks for the strongest evidence.
 */
public final class PixelMaps {
    private PixelMaps() {
    }

    /**
     * The per-pixel map of one attribution.
     *
     * @param layout the model input's layout (for the channel axis of input-space maps)
     * @throws IllegalArgumentException if the map is neither {@code [H,W]} nor of rank 3
     */
    public static Tensor of(AttributionMap map, Layout layout) {
        Tensor t = map.upsampled().orElse(map.map());
        if (t.rank() == 2) {
            return t;
        }
        return ChannelReduction.ABS_SUM.reduce(t, layout);
    }

    /**
     * The absolute values scaled to [0, 1] by their minimum and maximum, {@code (|m| − min|m|) /
     * (max|m| − min|m|)}, as Adebayo et al. normalize maps before comparing them; a constant map
     * becomes all zeros.
     */
    public static float[] absNormalized(Tensor map) {
        float[] out = new float[map.size()];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(map.get(i));
            lo = Math.min(lo, out[i]);
            hi = Math.max(hi, out[i]);
        }
        float range = hi - lo;
        for (int i = 0; i < out.length; i++) {
            out[i] = range > 0 ? (out[i] - lo) / range : 0f;
        }
        return out;
    }
}
