package dev.neurolens.attribution;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Results;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * SmoothGrad (Smilkov et al. 2017) and its variants, with the semantics of Captum's
 * {@code NoiseTunnel(Saliency)} with {@code abs=False}: {@code samples} noisy copies
 * {@code x + ε_s}, {@code ε_s ~ N(0, σ²)} with {@code σ = noise · (max(x) − min(x))} (the paper's
 * noise level; Captum's {@code stdevs}), and per pixel over the samples' gradients {@code g_s}:
 * <ul>
 * <li>{@code smoothgrad}: {@code mean(g_s)};</li>
 * <li>{@code smoothgrad-sq} (SmoothGrad²): {@code mean(g_s²)};</li>
 * <li>{@code vargrad} (Adebayo et al. 2018): {@code mean(g_s²) − mean(g_s)²} (population variance).</li>
 * </ul>
 * The noise is drawn from a generator seeded by {@code seed} (and the image's index), so results
 * repeat. Cost: {@code samples} backward passes per image, in chunks of {@code batch}.
 */
@Component(service = Explainer.class)
public final class SmoothGrad implements Explainer {
    private static final List<String> TYPES = List.of("smoothgrad", "smoothgrad-sq", "vargrad");

    @Override
    public String id() {
        return "smoothgrad";
    }

    @Override
    public String displayName() {
        return "SmoothGrad";
    }

    @Override
    public String description() {
        return "The gradient averaged over noisy copies of the input (Smilkov et al. 2017); type=smoothgrad-sq and "
                + "vargrad give SmoothGrad squared and VarGrad; 'samples' backward passes per image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.integer("samples", "noisy copies per image (Captum's nt_samples)", 50, 1, 10_000),
                ParameterDescriptor.real("noise", "noise std as a fraction of the input's range (max - min)", 0.15,
                        0.0, 10.0),
                ParameterDescriptor.choice("type", "smoothgrad = mean gradient, smoothgrad-sq = mean squared gradient, "
                        + "vargrad = variance of the gradient", "smoothgrad", TYPES),
                ParameterDescriptor.integer("seed", "random seed of the noise", 0, 0, Integer.MAX_VALUE),
                DisplayView.parameter("abs"),
                Batching.parameter());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        Parameters p = Parameters.resolve(id(), parameters(), request.parameters());
        Tensor batch = request.batch();
        TensorMath.requireFinite(batch, request.imageNames());
        int samples = p.integer("samples");
        int chunk = Batching.size(p);
        Timings time = new Timings();
        GradientPass pass = GradientPass.inputGradient(model, Map.of());
        time.lap("compile");
        Targets targets = Targets.resolve(model, batch, request.target());
        time.lap("forward");
        int n = batch.dim(0);
        progress.begin(displayName(), (long) n * samples);
        try {
            List<AttributionMap> maps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tensor x = batch.slice(i);
                float[] range = TensorMath.range(x);
                double sigma = p.real("noise") * (range[1] - range[0]);
                Moments m = moments(pass, targets, i, x, sigma, samples, chunk,
                        new SplittableRandom(p.integer("seed") + 104_729L * i), progress);
                maps.add(Results.map(request, targets, i, m.combine(p.text("type")), Optional.empty(),
                        OptionalDouble.empty(), model.info().preprocessing()));
            }
            time.lap("engine");
            return new AttributionResult(id(), p.asMap(), Optional.empty(), maps, time.toMap());
        } finally {
            progress.done();
        }
    }

    /** The first and second moments of the gradient over noisy copies of {@code x}. */
    static Moments moments(GradientPass pass, Targets targets, int image, Tensor x, double sigma, int samples,
            int chunk, SplittableRandom rng, Progress progress) {
        int size = x.size();
        double[] sum = new double[size];
        double[] sumSq = new double[size];
        for (int from = 0; from < samples; from += chunk) {
            int to = Math.min(samples, from + chunk);
            float[] noisy = new float[(to - from) * size];
            for (int s = 0; s < to - from; s++) {
                for (int j = 0; j < size; j++) {
                    noisy[s * size + j] = (float) (x.get(j) + sigma * rng.nextGaussian());
                }
            }
            int[] shape = new int[x.rank() + 1];
            shape[0] = to - from;
            System.arraycopy(x.shape(), 0, shape, 1, x.rank());
            Tensor g = pass.run(Tensor.wrap(noisy, shape), targets.seedRepeated(image, to - from), progress)
                    .gradient();
            for (int k = 0; k < g.size(); k++) {
                double v = g.get(k);
                sum[k % size] += v;
                sumSq[k % size] += v * v;
            }
            progress.worked(to - from);
        }
        return new Moments(sum, sumSq, samples, x.shape());
    }


    /**
     * Sums of gradients and squared gradients over {@code n} samples.
     *
     * @param sum per value, {@code Σ g_s}
     * @param sumSq per value, {@code Σ g_s²}
     * @param n the number of samples
     * @param shape the map's shape
     */
    record Moments(double[] sum, double[] sumSq, int n, int[] shape) {

        /** The map of the given type ({@code smoothgrad}, {@code smoothgrad-sq} or {@code vargrad}). */
        Tensor combine(String type) {
            float[] out = new float[sum.length];
            for (int j = 0; j < out.length; j++) {
                double mean = sum[j] / n;
                double meanSq = sumSq[j] / n;
                out[j] = (float) switch (type) {
                    case "smoothgrad" -> mean;
                    case "smoothgrad-sq" -> meanSq;
                    case "vargrad" -> Math.max(0, meanSq - mean * mean);
                    default -> throw new IllegalArgumentException("unknown type " + type);
                };
            }
            return Tensor.wrap(out, shape);
        }
    }
}
