package dev.neurolens.attribution;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.ImageGeometry;
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
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.compile.ExplanationPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Integrated Gradients (Sundararajan, Taly &amp; Yan 2017), as Captum's
 * {@code IntegratedGradients}:
 * {@code IG(x) = (x − x′) ⊙ Σ_i w_i ∇y_c(x′ + α_i (x − x′))} with the points and weights of the
 * chosen {@link Quadrature} rule (default Gauss–Legendre, as Captum) and the chosen
 * {@link Baseline} {@code x′}. Reports the completeness delta
 * {@code Σ IG(x) − (y_c(x) − y_c(x′))} (Captum's {@code return_convergence_delta}). Cost:
 * {@code steps} backward passes plus two forward passes per image, in chunks of {@code batch}.
 */
@Component(service = Explainer.class)
public final class IntegratedGradients implements Explainer {

    @Override
    public String id() {
        return "integrated-gradients";
    }

    @Override
    public String displayName() {
        return "Integrated Gradients";
    }

    @Override
    public String description() {
        return "Gradients averaged along the straight path from a baseline to the input, times (input - baseline) "
                + "(Sundararajan et al. 2017); 'steps' backward passes per image; reports the completeness delta.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.integer("steps", "number of points on the path (Captum's n_steps)", 50, 1, 10_000),
                ParameterDescriptor.choice("rule", "integration rule (Captum's method)", "gauss-legendre",
                        Quadrature.ids()),
                new ParameterDescriptor("baseline", ParameterDescriptor.Type.STRING, "the reference input: "
                        + Baseline.CHOICES + " (zero = the all-zero model-input tensor)", "zero", Optional.empty(),
                        Optional.empty(), List.of()),
                ParameterDescriptor.real("blur-sigma", "Gaussian sigma in pixels for baseline=blur", 4.0, 0.0, 1000.0),
                ParameterDescriptor.integer("seed", "random seed for baseline=uniform", 0, 0, Integer.MAX_VALUE),
                DisplayView.parameter("signed"),
                Batching.parameter());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        Parameters p = Parameters.resolve(id(), parameters(), request.parameters());
        Quadrature rule = Quadrature.of(p.text("rule"));
        int steps = p.integer("steps");
        if (rule == Quadrature.TRAPEZOID && steps < 2) {
            throw new dev.neurolens.core.NeuroLensException("method integrated-gradients: rule trapezoid needs "
                    + "steps >= 2, got " + steps);
        }
        Baseline baseline = Baseline.parse(p.text("baseline"), p.real("blur-sigma"));
        Tensor batch = request.batch();
        TensorMath.requireFinite(batch, request.imageNames());
        Preprocessing pre = model.info().preprocessing();
        ImageGeometry geometry = ImageGeometry.of(batch, pre.layout());
        int n = batch.dim(0);
        List<Tensor> baselines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            baselines.add(baseline.of(batch, i, geometry, pre, new SplittableRandom(p.integer("seed") + 7919L * i)));
        }

        Timings time = new Timings();
        // Σ_k w_k ∇f(x_k) in the graph: the weights ride in the seed, the rows are summed there
        GradientPass pass = GradientPass.compile(model, ExplanationPlan.gradient(GradientPass.outputName(model),
                List.of(GradientPass.inputName(model))).withSumOverBatch());
        time.lap("compile");
        int chunk = Batching.size(p);
        Targets targets;
        Tensor baselineLogits;
        if (2 * n <= chunk) {
            // f(x) and f(x′) in one engine call: at batch 1 a call costs ~1 ms of overhead (~2 % of IG-64)
            Tensor logits = model.predict(TensorMath.concat(List.of(batch, Tensor.stack(baselines))));
            targets = Targets.choose(TensorMath.rows(logits, 0, n), request.target());
            baselineLogits = TensorMath.rows(logits, n, 2 * n);
        } else {
            targets = Targets.resolve(model, batch, request.target());
            baselineLogits = model.predict(Tensor.stack(baselines));
        }
        time.lap("forward");
        Quadrature.Nodes nodes = rule.nodes(steps);
        progress.checkCancelled();
        progress.begin(displayName(), (long) n * steps);
        try {
            List<AttributionMap> maps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tensor x = batch.slice(i);
                Tensor x0 = baselines.get(i);
                Tensor weightedGrads = pathIntegral(pass, targets, i, x, x0, nodes, chunk, progress);
                Tensor attribution = TensorMath.multiply(TensorMath.subtract(x, x0), weightedGrads);
                int c = targets.classOf(i);
                double fx = targets.score(i);
                double fx0 = baselineLogits.get(i * (baselineLogits.size() / n) + c);
                double delta = TensorMath.sum(attribution) - (fx - fx0);
                maps.add(Results.map(request, targets, i, attribution, Optional.empty(), OptionalDouble.of(delta), pre));
            }
            time.lap("engine");
            return new AttributionResult(id(), p.asMap(), Optional.empty(), maps, time.toMap());
        } finally {
            progress.done();
        }
    }

    /**
     * {@code Σ_i w_i ∇y_c(x′ + α_i (x − x′))}, in chunks of {@code min(chunk, steps)} points: each
     * engine call gets the chunk's points with the weights in their seed rows and returns the
     * weighted sum ({@code pass} sums over the batch). Every chunk has that many rows: the last
     * one is filled up with copies of its last point of weight 0, so that all engine calls of any
     * step count share one fixed-batch session (ONNX Runtime's sessions are per batch size) and
     * 1,000 steps need no more memory than 64. It costs at most one chunk less one row of extra work.
     */
    static Tensor pathIntegral(GradientPass pass, Targets targets, int image, Tensor x, Tensor x0,
            Quadrature.Nodes nodes, int chunk, Progress progress) {
        int steps = nodes.alphas().length;
        int size = x.size();
        int rows = Math.min(chunk, steps);
        double[] acc = new double[size];
        float[] points = new float[rows * size]; // one buffer for every chunk: no garbage per chunk
        double[] weights = new double[rows];
        int[] shape = new int[x.rank() + 1];
        shape[0] = rows;
        System.arraycopy(x.shape(), 0, shape, 1, x.rank());
        for (int from = 0; from < steps; from += rows) {
            int to = Math.min(steps, from + rows);
            for (int r = 0; r < rows; r++) {
                int k = Math.min(from + r, to - 1);
                weights[r] = from + r < to ? nodes.weights()[k] : 0;
                float a = (float) nodes.alphas()[k];
                int off = r * size;
                for (int j = 0; j < size; j++) {
                    float b = x0.get(j);
                    points[off + j] = b + a * (x.get(j) - b);
                }
            }
            Tensor summed = pass.run(Tensor.wrap(points, shape), targets.seedWeighted(image, weights), progress)
                    .gradient();
            for (int j = 0; j < size; j++) {
                acc[j] += summed.get(j);
            }
            progress.worked(to - from);
        }
        float[] out = new float[size];
        for (int j = 0; j < size; j++) {
            out[j] = (float) acc[j];
        }
        return Tensor.wrap(out, x.shape());
    }
}
