package dev.neurolens.attribution.support;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled explanation plan on one model, run on batches: the forward output (logits), the
 * gradients the plan asks for and its taps. The engine's {@link GraphRunner} caches the compiled
 * graph and its session, so building a pass per explanation is cheap after the first.
 */
public final class GradientPass {
    private final GraphRunner runner;
    private final CompiledGraph graph;

    private GradientPass(GraphRunner runner, CompiledGraph graph) {
        this.runner = runner;
        this.graph = graph;
    }

    /**
     * The model's graph runner.
     *
     * @throws NeuroLensException if the model's engine cannot run explanation graphs
     */
    public static GraphRunner runner(LoadedModel model) {
        return model.capability(GraphRunner.class).orElseThrow(() -> new NeuroLensException("the "
                + model.info().engine() + " engine cannot run explanation graphs, which gradient methods need; "
                + "use the ONNX Runtime engine or a forward-only method such as occlusion"));
    }

    /** The name of the model's image input. */
    public static String inputName(LoadedModel model) {
        return model.info().imageInput().name();
    }

    /** The name of the model's first output (the logits). */
    public static String outputName(LoadedModel model) {
        return model.info().outputs().get(0).name();
    }

    /**
     * Compiles {@code plan} on {@code model}.
     *
     * @throws NeuroLensException naming the op and node if a node has no backward rule
     */
    public static GradientPass compile(LoadedModel model, ExplanationPlan plan) {
        GraphRunner r = runner(model);
        return new GradientPass(r, r.compile(plan));
    }

    /**
     * The gradient of the logits with respect to the input, with backward rules replaced for the
     * given op types (none for the plain gradient).
     */
    public static GradientPass inputGradient(LoadedModel model, Map<String, BackwardRule> opOverrides) {
        return inputGradient(model, opOverrides, false);
    }

    /**
     * As {@link #inputGradient(LoadedModel, Map)}; with {@code predictedSeed} the graph seeds the
     * backward pass with each row's predicted class itself (run it with a null seed).
     */
    public static GradientPass inputGradient(LoadedModel model, Map<String, BackwardRule> opOverrides,
            boolean predictedSeed) {
        ExplanationPlan plan = ExplanationPlan.gradient(outputName(model), List.of(inputName(model)))
                .withOpOverrides(opOverrides);
        return compile(model, predictedSeed ? plan.withPredictedSeed() : plan);
    }

    /** The compiled graph. */
    public CompiledGraph graph() {
        return graph;
    }

    /**
     * Runs one engine call.
     *
     * @param seed one-hot (or any) rows of the output's shape, one per batch row; null for a plan
     *     that seeds itself with the prediction
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public Outputs run(Tensor batch, Tensor seed, Progress progress) {
        progress.checkCancelled();
        Map<String, Tensor> out = runner.run(graph, batch, seed, progress);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        graph.gradients().forEach((wrt, name) -> grads.put(wrt, out.get(name)));
        Map<String, Tensor> taps = new LinkedHashMap<>();
        graph.taps().forEach(t -> taps.put(t, out.get(t)));
        return new Outputs(out.get(graph.output()), grads, taps);
    }

    /**
     * Runs the batch in chunks of at most {@code chunk} rows and concatenates the results;
     * reports each chunk's rows as worked.
     */
    public Outputs runChunked(Tensor batch, Tensor seed, int chunk, Progress progress) {
        int n = batch.dim(0);
        if (n <= chunk) {
            Outputs o = run(batch, seed, progress);
            progress.worked(n);
            return o;
        }
        List<Outputs> parts = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            parts.add(run(TensorMath.rows(batch, from, to), seed == null ? null : TensorMath.rows(seed, from, to),
                    progress));
            progress.worked(to - from);
        }
        return Outputs.concat(parts);
    }

    /**
     * What one run returns.
     *
     * @param output the forward output (the logits)
     * @param gradients the gradients by the plan's tensor names
     * @param taps the tapped forward tensors by name
     */
    public record Outputs(Tensor output, Map<String, Tensor> gradients, Map<String, Tensor> taps) {

        /** Compact constructor: copies. */
        public Outputs {
            gradients = Map.copyOf(gradients);
            taps = Map.copyOf(taps);
        }

        /** The gradient of {@code tensor}. */
        public Tensor gradient(String tensor) {
            Tensor g = gradients.get(tensor);
            if (g == null) {
                throw new IllegalArgumentException("no gradient of '" + tensor + "' in " + gradients.keySet());
            }
            return g;
        }

        /** The only gradient of a plan with one tensor in {@code gradientsOf}. */
        public Tensor gradient() {
            return gradients.values().iterator().next();
        }

        /** The tapped tensor {@code tensor}. */
        public Tensor tap(String tensor) {
            Tensor t = taps.get(tensor);
            if (t == null) {
                throw new IllegalArgumentException("no tap '" + tensor + "' in " + taps.keySet());
            }
            return t;
        }

        static Outputs concat(List<Outputs> parts) {
            Outputs first = parts.get(0);
            Map<String, Tensor> grads = new LinkedHashMap<>();
            first.gradients.keySet().forEach(k -> grads.put(k,
                    TensorMath.concat(parts.stream().map(p -> p.gradients.get(k)).toList())));
            Map<String, Tensor> taps = new LinkedHashMap<>();
            first.taps.keySet().forEach(k -> taps.put(k,
                    TensorMath.concat(parts.stream().map(p -> p.taps.get(k)).toList())));
            return new Outputs(TensorMath.concat(parts.stream().map(Outputs::output).toList()), grads, taps);
        }
    }
}
