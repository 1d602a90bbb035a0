package dev.neurolens.featurevis;

import dev.neurolens.featurevis.param.Regularizers;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.neurolens.featurevis.param.Transforms;

/**
 * How images are optimized (defaults: Lucid's / Lucent's {@code render_vis}, scaled to small
 * inputs; docs/featurevis.md).
 *
 * @param steps Adam steps (Lucent: 512; default 256 for 32-64 pixel models)
 * @param learningRate Adam's learning rate (0.05)
 * @param size the optimized image's side in pixels; 0 for the model's input size (the image is
 *     resized to the input after the transformations)
 * @param fourier the Fourier (1/f spectrum) parameterization instead of pixels
 * @param decorrelate colour decorrelation
 * @param decay the spectrum's decay power (1)
 * @param sd standard deviation of the random initial parameters (0.01)
 * @param transforms the random transformations before each step; {@code null} for
 *     {@link Transforms#defaults} of the image size
 * @param regularizers penalties on the image (none by default)
 * @param seed seed of the initial parameters and the transformations
 * @param diversity weight λ of Lucid's diversity term across the batch (0: none)
 */
public record VisualizationSettings(int steps, double learningRate, int size, boolean fourier, boolean decorrelate,
        double decay, double sd, Transforms transforms, Regularizers regularizers, long seed, double diversity) {

    /** Validates. */
    public VisualizationSettings {
        if (steps < 0 || !(learningRate > 0) || size < 0 || !(sd >= 0) || !(decay >= 0) || !(diversity >= 0)) {
            throw new IllegalArgumentException("steps, size >= 0; learning rate > 0; sd, decay, diversity >= 0");
        }
    }

    /** The defaults. */
    public static VisualizationSettings defaults() {
        return new VisualizationSettings(256, 0.05, 0, true, true, 1, 0.01, null, Regularizers.none(), 0, 0);
    }

    /** With {@code n} steps. */
    public VisualizationSettings withSteps(int n) {
        return new VisualizationSettings(n, learningRate, size, fourier, decorrelate, decay, sd, transforms,
                regularizers, seed, diversity);
    }

    /** With a seed. */
    public VisualizationSettings withSeed(long s) {
        return new VisualizationSettings(steps, learningRate, size, fourier, decorrelate, decay, sd, transforms,
                regularizers, s, diversity);
    }

    /** With the given parameterization. */
    public VisualizationSettings withParameterization(boolean useFourier, boolean useDecorrelation) {
        return new VisualizationSettings(steps, learningRate, size, useFourier, useDecorrelation, decay, sd, transforms,
                regularizers, seed, diversity);
    }

    /** With transformations. */
    public VisualizationSettings withTransforms(Transforms t) {
        return new VisualizationSettings(steps, learningRate, size, fourier, decorrelate, decay, sd, t, regularizers,
                seed, diversity);
    }

    /** With a diversity term of weight {@code weight}. */
    public VisualizationSettings withDiversity(double weight) {
        return new VisualizationSettings(steps, learningRate, size, fourier, decorrelate, decay, sd, transforms,
                regularizers, seed, weight);
    }

    /** With a learning rate. */
    public VisualizationSettings withLearningRate(double lr) {
        return new VisualizationSettings(steps, lr, size, fourier, decorrelate, decay, sd, transforms, regularizers,
                seed, diversity);
    }

    /** The settings by name (for JSON records), transforms resolved for an image of {@code side} pixels. */
    public Map<String, Object> describe(int side) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("lr", learningRate);
        m.put("size", side);
        m.put("fourier", fourier);
        m.put("decorrelate", decorrelate);
        m.put("decay", decay);
        m.put("sd", sd);
        Transforms t = transforms != null ? transforms : Transforms.defaults(side);
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("pad", t.pad());
        tm.put("padding", t.reflect() ? "reflect" : "constant");
        tm.put("jitter", t.jitter());
        tm.put("scale", t.scale());
        tm.put("rotate", t.rotate());
        tm.put("jitter2", t.jitter2());
        m.put("transforms", tm);
        m.put("tv", regularizers.tv());
        m.put("l1", regularizers.l1());
        m.put("l2", regularizers.l2());
        m.put("seed", seed);
        m.put("diversity", diversity);
        return m;
    }
}
