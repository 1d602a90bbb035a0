package dev.neurolens.milan.exemplars;

/** Resizing of activation maps to mask resolution. */
final class Upsampling {
    private Upsampling() {
    }

    /**
     * Bilinear resize of a {@code w x h} map to {@code outW x outH} with pixel centres aligned
     * (source coordinate {@code (x + 0.5) * w / outW - 0.5}, clamped at the borders); for
     * enlarging this equals Pillow's {@code resize(BILINEAR)} on a float image, which NetDissect-Lite
     * uses for its masks.
     */
    static float[] bilinear(float[] map, int w, int h, int outW, int outH) {
        float[] out = new float[outW * outH];
        for (int y = 0; y < outH; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / outH - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / outW - 0.5));
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = sx - x0;
                double top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                double bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                out[y * outW + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
