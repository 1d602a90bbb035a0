package dev.neurolens.featurevis.param;

/**
 * The linear part of an image parameterization: parameters to a batch of pre-colour planes
 * {@code [N,3,H,W]}, and its exact adjoint (the transpose), which carries the gradient of the
 * image back to the parameters.
 */
public interface SpatialBasis {

    /** Number of images. */
    int batch();

    /** Image height in pixels. */
    int height();

    /** Image width in pixels. */
    int width();

    /** Number of parameters. */
    int size();

    /** The planes {@code [N,3,H,W]} (flat) of the parameters. */
    double[] apply(double[] params);

    /** The transpose: {@code <apply(p), y> = <p, adjoint(y)>} for every p and y. */
    double[] adjoint(double[] planeGradient);

    /**
     * Parameters whose planes are {@code planes} (a right inverse of {@link #apply}), for starting
     * from a given image.
     */
    double[] inverse(double[] planes);

    /** The planes' element count, {@code N·3·H·W}. */
    default int planeSize() {
        return batch() * 3 * height() * width();
    }
}
