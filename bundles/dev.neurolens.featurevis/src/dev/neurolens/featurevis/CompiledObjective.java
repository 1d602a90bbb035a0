package dev.neurolens.featurevis;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.featurevis.param.ModelInput;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationCompiler;
import dev.neurolens.graph.compile.ExplanationPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The objectives of a batch compiled on one model: one engine call gives every image's objective
 * and its gradient with respect to the RGB images at the model's input size (the preprocessing
 * and its transpose run in Java, {@link ModelInput}).
 */
public final class CompiledObjective {
    private final GraphRunner runner;
    private final CompiledGraph graph;
    private final ModelInput input;
    private final int batch;
    private final Tensor seed;

    private CompiledObjective(GraphRunner runner, CompiledGraph graph, ModelInput input, int batch) {
        this.runner = runner;
        this.graph = graph;
        this.input = input;
        this.batch = batch;
        float[] ones = new float[batch];
        Arrays.fill(ones, 1f);
        this.seed = Tensor.wrap(ones, batch, 1);
    }

    /** The value of every image's objective and their gradient with respect to the images. */
    public record Evaluation(double[] values, double[] rgbGradient) {
    }

    /**
     * Compiles the objectives (one per image) on a model.
     *
     * @throws NeuroLensException if the model cannot run explanation graphs, or an op on the path
     *     from the input to a tensor of the objectives has no backward rule
     */
    public static CompiledObjective compile(LoadedModel model, List<Objective> perImage) {
        return compile(model, perImage, 0);
    }

    /**
     * Compiles the objectives with a diversity term of weight {@code diversity} (0: none) on the
     * tensor of the first objective's first term.
     */
    public static CompiledObjective compile(LoadedModel model, List<Objective> perImage, double diversity) {
        GraphRunner runner = runner(model);
        ObjectiveHead.Diversity d = diversity > 0 && perImage.size() > 1
                ? new ObjectiveHead.Diversity(perImage.get(0).terms().get(0).tensor(), (float) diversity) : null;
        ObjectiveHead head = ObjectiveHead.build(runner.model(), runner.shapes(), perImage, d);
        String in = model.info().imageInput().name();
        CompiledGraph g = ExplanationCompiler.standard().compile(head.model(), head.shapes(),
                ExplanationPlan.gradient(head.output(), List.of(in)).withRuleOverrides(head.rules()));
        return new CompiledObjective(runner, g, new ModelInput(model.info().preprocessing()), perImage.size());
    }

    /** The model's graph runner, or a one-line error naming why there is none. */
    static GraphRunner runner(LoadedModel model) {
        return model.capability(GraphRunner.class).orElseThrow(() -> new NeuroLensException("the engine of "
                + model.info().source().getFileName() + " cannot compute gradients (no graph runner)"));
    }

    /** The number of images. */
    public int batch() {
        return batch;
    }

    /** The model's preprocessing (its size is the images' size). */
    public Preprocessing preprocessing() {
        return input.pre();
    }

    /**
     * Runs forward and backward on a batch of RGB images in [0,1] ({@code [N,3,H,W]} at the model's
     * input size).
     */
    public Evaluation evaluate(double[] rgb, Progress progress) {
        Tensor x = input.apply(rgb, batch);
        Map<String, Tensor> out = runner.run(graph, x, seed, progress);
        Tensor values = out.get(graph.output());
        double[] v = new double[batch];
        for (int n = 0; n < batch; n++) {
            v[n] = values.get(n);
        }
        String in = graph.gradients().values().iterator().next();
        return new Evaluation(v, input.adjoint(out.get(in), batch));
    }
}
