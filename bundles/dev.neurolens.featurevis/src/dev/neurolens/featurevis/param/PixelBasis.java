package dev.neurolens.featurevis.param;

/** Every pre-colour value is its own parameter (the identity map). */
public record PixelBasis(int batch, int height, int width) implements SpatialBasis {

    /** Validates the sizes. */
    public PixelBasis {
        if (batch < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image batch and size must be positive");
        }
    }

    @Override
    public int size() {
        return planeSize();
    }

    @Override
    public double[] apply(double[] params) {
        return params.clone();
    }

    @Override
    public double[] adjoint(double[] planeGradient) {
        return planeGradient.clone();
    }

    @Override
    public double[] inverse(double[] planes) {
        return planes.clone();
    }
}
