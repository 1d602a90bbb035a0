package dev.neurolens.evaluation;

/**
 * How an evaluation is run.
 *
 * @param pointingTolerance the pointing game's hit radius in pixels ({@link PointingGame}; 0)
 * @param curveSteps the portions of the deletion and insertion curves ({@link PerturbationCurves}; 16)
 * @param fill the value deleted pixels get, and the insertion curves' canvas, in model-input space
 *     (0; a finite number)
 * @param batch rows per engine call for the curves (64)
 * @param randomizationImages how many of the images (the first ones) the randomization checks use (16)
 * @param independent whether to run the independent randomization too, one layer at a time (true)
 * @param seed the seed of the re-initialized weights (1)
 */
public record EvaluationSettings(int pointingTolerance, int curveSteps, float fill, int batch,
        int randomizationImages, boolean independent, long seed) {

    /** Checks the settings. */
    public EvaluationSettings {
        if (pointingTolerance < 0 || curveSteps < 1 || batch < 1 || randomizationImages < 0 || !Float.isFinite(fill)) {
            throw new IllegalArgumentException("invalid evaluation settings: tolerance " + pointingTolerance
                    + ", steps " + curveSteps + ", batch " + batch + ", randomization images " + randomizationImages
                    + ", fill " + fill);
        }
    }

    /** The defaults above. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(0, 16, 0f, 64, 16, true, 1);
    }

    /** A copy with another number of randomization images. */
    public EvaluationSettings withRandomizationImages(int n) {
        return new EvaluationSettings(pointingTolerance, curveSteps, fill, batch, n, independent, seed);
    }

    /**
     * A copy with another fill for the deletion and insertion curves ({@link PerturbationCurves}).
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public EvaluationSettings withFill(float value) {
        return new EvaluationSettings(pointingTolerance, curveSteps, value, batch, randomizationImages, independent,
                seed);
    }

    /** A copy with or without the independent randomization. */
    public EvaluationSettings withIndependent(boolean on) {
        return new EvaluationSettings(pointingTolerance, curveSteps, fill, batch, randomizationImages, on, seed);
    }
}
