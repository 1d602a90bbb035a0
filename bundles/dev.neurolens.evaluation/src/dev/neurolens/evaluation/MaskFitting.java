package dev.neurolens.evaluation;

import dev.neurolens.core.model.Preprocessing;

/**
 * Carries a label mask through the same geometry as the image: {@code Images.fit} crops the
 * central part for {@code center-crop} models and resizes to the input size; the mask (given at the
 * dataset's mask resolution {@code sw x sh}, which may be smaller than the image) is cropped the
 * same way and sampled at the centre of each input pixel (nearest neighbour).
 */
final class MaskFitting {
    private MaskFitting() {
    }

    /**
     * The mask at the input resolution.
     *
     * @param mask {@code maskWidth * maskHeight} flags
     * @param imageWidth the image's width (the crop is computed in image pixels, as for the image)
     * @param imageHeight the image's height
     */
    static boolean[] fit(boolean[] mask, int maskWidth, int maskHeight, int imageWidth, int imageHeight,
            Preprocessing p) {
        double cropW = imageWidth;
        double cropH = imageHeight;
        if (p.resize() == Preprocessing.Resize.CENTER_CROP) {
            if ((long) imageWidth * p.height() > (long) imageHeight * p.width()) {
                cropW = Math.max(1, Math.min(imageWidth, Math.round((double) imageHeight * p.width() / p.height())));
            } else {
                cropH = Math.max(1, Math.min(imageHeight, Math.round((double) imageWidth * p.height() / p.width())));
            }
        }
        double x0 = (int) ((imageWidth - cropW) / 2);
        double y0 = (int) ((imageHeight - cropH) / 2);
        boolean[] out = new boolean[p.width() * p.height()];
        for (int y = 0; y < p.height(); y++) {
            double iy = y0 + (y + 0.5) * cropH / p.height();
            int my = Math.min(maskHeight - 1, (int) (iy * maskHeight / imageHeight));
            for (int x = 0; x < p.width(); x++) {
                double ix = x0 + (x + 0.5) * cropW / p.width();
                int mx = Math.min(maskWidth - 1, (int) (ix * maskWidth / imageWidth));
                out[y * p.width() + x] = mask[my * maskWidth + mx];
            }
        }
        return out;
    }
}
