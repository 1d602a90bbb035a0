package dev.neurolens.featurevis;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.featurevis.param.Adam;
import dev.neurolens.featurevis.param.FourierBasis;
import dev.neurolens.featurevis.param.ImageParameterization;
import dev.neurolens.featurevis.param.PixelBasis;
import dev.neurolens.featurevis.param.Resampling;
import dev.neurolens.featurevis.param.SpatialBasis;
import dev.neurolens.featurevis.param.Transforms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Activation maximization (Erhan et al. 2009; Olah et al. 2017): gradient ascent with Adam on the
 * parameters of a batch of images, one image per objective. Each step: parameters → RGB images
 * ({@link ImageParameterization}) → a random transformation resized to the model's input
 * ({@link Transforms}) → one engine call for the objectives and their input gradient
 * ({@link CompiledObjective}) → the adjoints back to the parameters (minus the regularizers'
 * gradients) → an Adam step up.
 */
public final class FeatureVisualizer {
    /** How many uniform random images per objective the random baseline averages. */
    public static final int RANDOM_IMAGES = 8;

    private final LoadedModel model;

    /** A visualizer on an open model (which the caller keeps open and closes). */
    public FeatureVisualizer(LoadedModel model) {
        this.model = model;
    }

    /**
     * Optimizes one image per objective.
     *
     * @param perImage the objective of each image of the batch
     * @param start the starting image {@code [3,H,W]} in [0,1] at the settings' image size (plus
     *     the initial noise), or {@code null} for random parameters
     * @param progress one unit per step; polled for cancellation
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public Visualization run(List<Objective> perImage, VisualizationSettings settings, double[] start,
            Progress progress) {
        long t0 = System.nanoTime();
        CompiledObjective objective = CompiledObjective.compile(model, perImage, settings.diversity());
        // initial, final and random values are the objectives alone (without the diversity term)
        CompiledObjective plain = settings.diversity() > 0 && perImage.size() > 1
                ? CompiledObjective.compile(model, perImage) : objective;
        double compileMillis = (System.nanoTime() - t0) / 1e6;
        Preprocessing pre = model.info().preprocessing();
        int n = perImage.size();
        int h = settings.size() > 0 ? settings.size() : pre.height();
        int w = settings.size() > 0 ? settings.size() : pre.width();
        SpatialBasis basis = settings.fourier() ? new FourierBasis(n, h, w, settings.decay()) : new PixelBasis(n, h, w);
        ImageParameterization param = new ImageParameterization(basis, settings.decorrelate());
        Transforms transforms = settings.transforms() != null ? settings.transforms()
                : Transforms.defaults(Math.max(h, w));
        Random init = new Random(settings.seed());
        Random draws = new Random(settings.seed() ^ 0x9E3779B97F4A7C15L);
        // random parameters (sd), added to the start image's parameters when given: the noise keeps
        // images of the same objective apart (diversity would otherwise have nothing to separate)
        double[] p = gaussian(init, basis.size(), settings.sd());
        if (start != null) {
            double[] q = param.parametersOf(replicate(start, n));
            for (int i = 0; i < p.length; i++) {
                p[i] += q[i];
            }
        }
        Resampling resize = Transforms.resize(h, w, pre.height(), pre.width());
        double[] initialValues = plain.evaluate(resize.apply(param.rgb(p)), progress).values();

        Adam adam = new Adam(p.length, settings.learningRate());
        List<double[]> values = new ArrayList<>();
        progress.begin("optimizing " + n + " image(s)", settings.steps());
        long engineNanos = 0;
        long stepsStart = System.nanoTime();
        for (int step = 0; step < settings.steps(); step++) {
            progress.checkCancelled();
            double[] rgb = param.rgb(p);
            Resampling view = transforms.isNone() ? resize : transforms.sample(draws, h, w, pre.height(), pre.width());
            long e0 = System.nanoTime();
            CompiledObjective.Evaluation ev = objective.evaluate(view.apply(rgb), progress);
            engineNanos += System.nanoTime() - e0;
            double[] dRgb = view.adjoint(ev.rgbGradient());
            settings.regularizers().apply(rgb, dRgb, n, h, w);
            adam.ascend(p, param.gradient(rgb, dRgb));
            values.add(ev.values());
            progress.worked(1);
        }
        double stepMillis = settings.steps() == 0 ? 0 : (System.nanoTime() - stepsStart) / 1e6 / settings.steps();
        double engineMillis = settings.steps() == 0 ? 0 : engineNanos / 1e6 / settings.steps();
        double[] finalRgb = param.rgb(p);
        double[] finalValues = plain.evaluate(resize.apply(finalRgb), progress).values();
        double[] randomValues = new double[n];
        Random noise = new Random(settings.seed() + 1);
        for (int k = 0; k < RANDOM_IMAGES; k++) {
            double[] images = new double[n * 3 * pre.height() * pre.width()];
            for (int i = 0; i < images.length; i++) {
                images[i] = noise.nextDouble();
            }
            double[] v = plain.evaluate(images, progress).values();
            for (int i = 0; i < n; i++) {
                randomValues[i] += v[i] / RANDOM_IMAGES;
            }
        }
        return new Visualization(finalRgb, n, h, w, values, finalValues, initialValues, randomValues, stepMillis,
                engineMillis, compileMillis);
    }

    /**
     * The objectives' values on images at the model's input size ({@code [N,3,H,W]} in [0,1],
     * N = the number of objectives), e.g. random images or dataset exemplars for comparison.
     */
    public double[] score(List<Objective> perImage, double[] rgb, Progress progress) {
        return CompiledObjective.compile(model, perImage).evaluate(rgb, progress).values();
    }

    private static double[] gaussian(Random r, int size, double sd) {
        double[] p = new double[size];
        for (int i = 0; i < size; i++) {
            p[i] = r.nextGaussian() * sd;
        }
        return p;
    }

    private static double[] replicate(double[] image, int n) {
        double[] out = new double[image.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(image, 0, out, i * image.length, image.length);
        }
        return out;
    }
}
