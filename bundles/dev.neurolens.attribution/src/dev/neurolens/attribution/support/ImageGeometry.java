package dev.neurolens.attribution.support;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;

/**
 * Where channel, row and column live in one image of a batch ({@code [C,H,W]} for NCHW,
 * {@code [H,W,C]} for NHWC), for methods that work on pixels (occlusion, blurred baselines).
 *
 * @param channels number of channels
 * @param height rows
 * @param width columns
 * @param planar whether channels come first (NCHW)
 */
public record ImageGeometry(int channels, int height, int width, boolean planar) {

    /**
     * The geometry of one image of {@code batch}.
     *
     * @throws NeuroLensException if the batch is not of rank 4
     */
    public static ImageGeometry of(Tensor batch, Layout layout) {
        if (batch.rank() != 4) {
            throw new NeuroLensException("this method needs image batches of rank 4 (" + layout + "), got "
                    + batch.shapeString());
        }
        boolean planar = layout == Layout.NCHW;
        return planar ? new ImageGeometry(batch.dim(1), batch.dim(2), batch.dim(3), true)
                : new ImageGeometry(batch.dim(3), batch.dim(1), batch.dim(2), false);
    }

    /** The flat index of channel {@code c}, row {@code y}, column {@code x} within one image. */
    public int index(int c, int y, int x) {
        return planar ? (c * height + y) * width + x : (y * width + x) * channels + c;
    }

    /** Values per image. */
    public int size() {
        return channels * height * width;
    }

    /** The shape of one image. */
    public int[] shape() {
        return planar ? new int[] {channels, height, width} : new int[] {height, width, channels};
    }
}
