package dev.neurolens.evaluation;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One method's maps for a list of samples on one model, each explaining the sample's target
 * class. Samples are explained in one request per target class (a request has one target).
 *
 * @param pixelMaps the per-pixel maps {@code [H,W]} ({@link PixelMaps}), in sample order
 * @param completenessDelta per sample, the method's completeness delta δ (NaN where it reports none)
 * @param relativeCompleteness per sample, {@code |δ| / |f(x) − f(x′)|} where the method reports a
 *     completeness delta δ (NaN otherwise); {@code f(x) − f(x′) = Σ attribution − δ}
 */
public record MethodRun(List<Tensor> pixelMaps, double[] completenessDelta, double[] relativeCompleteness) {

    /**
     * Runs {@code method} on {@code samples}.
     *
     * @throws NeuroLensException if the method fails or does not produce attribution maps
     */
    public static MethodRun of(Explainer method, LoadedModel model, List<EvaluationSample> samples,
            Map<String, String> parameters, Progress progress) {
        Map<Integer, List<Integer>> byTarget = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byTarget.computeIfAbsent(samples.get(i).target(), k -> new ArrayList<>()).add(i);
        }
        Tensor[] maps = new Tensor[samples.size()];
        double[] deltas = new double[samples.size()];
        double[] completeness = new double[samples.size()];
        Arrays.fill(deltas, Double.NaN);
        Arrays.fill(completeness, Double.NaN);
        var layout = model.info().preprocessing().layout();
        for (var group : byTarget.entrySet()) {
            progress.checkCancelled();
            List<Integer> rows = group.getValue();
            Tensor batch = Tensor.stack(rows.stream().map(i -> samples.get(i).input()).toList());
            List<String> names = rows.stream().map(i -> samples.get(i).name()).toList();
            Explanation e = method.explain(model, new ExplanationRequest(batch, names, Target.of(group.getKey()),
                    Optional.empty(), parameters), progress);
            if (!(e instanceof AttributionResult result)) {
                throw new NeuroLensException("method " + method.id() + " does not produce attribution maps");
            }
            for (int r = 0; r < rows.size(); r++) {
                AttributionMap m = result.maps().get(r);
                maps[rows.get(r)] = PixelMaps.of(m, layout);
                if (m.completenessDelta().isPresent()) {
                    double delta = m.completenessDelta().getAsDouble();
                    deltas[rows.get(r)] = delta;
                    double difference = sum(m.map()) - delta;
                    completeness[rows.get(r)] = difference == 0 ? Double.NaN : Math.abs(delta) / Math.abs(difference);
                }
            }
        }
        return new MethodRun(List.of(maps), deltas, completeness);
    }

    private static double sum(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.get(i);
        }
        return s;
    }
}
