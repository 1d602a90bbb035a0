package dev.neurolens.attribution;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Results;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.compile.BackwardRule;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared flow of the one-pass gradient methods (Saliency, Gradient × Input, Guided
 * Backprop, DeconvNet): validate, pick targets, one backward pass per image (chunked), optionally
 * multiply by the input. {@code report} gives what the method says about itself: the result's
 * notes (e.g. which nodes it overrode), after the parameters were validated.
 */
final class GradientMaps {
    private GradientMaps() {
    }

    static AttributionResult explain(Explainer method, LoadedModel model, ExplanationRequest request,
            Progress progress, Map<String, BackwardRule> overrides, boolean timesInput,
            Function<LoadedModel, Map<String, String>> report) {
        Parameters p = Parameters.resolve(method.id(), method.parameters(), request.parameters());
        Tensor batch = request.batch();
        TensorMath.requireFinite(batch, request.imageNames());
        Timings time = new Timings();
        // explaining the prediction: the graph seeds itself with the argmax, saving a forward pass
        boolean predicted = request.target().isPredicted();
        GradientPass pass = GradientPass.inputGradient(model, overrides, predicted);
        time.lap("compile");
        Targets targets = predicted ? null : Targets.resolve(model, batch, request.target());
        time.lap("forward");
        int n = batch.dim(0);
        progress.begin(method.displayName(), n);
        try {
            GradientPass.Outputs out = pass.runChunked(batch, predicted ? null : targets.seed(0, n),
                    Batching.size(p), progress);
            Tensor grad = out.gradient();
            if (predicted) {
                targets = Targets.choose(out.output(), request.target());
            }
            time.lap("engine");
            Tensor attribution = timesInput ? TensorMath.multiply(batch, grad) : grad;
            return new AttributionResult(method.id(), p.asMap(), Optional.empty(),
                    Results.inputSpace(request, targets, attribution, model.info().preprocessing()), time.toMap(),
                    report.apply(model));
        } finally {
            progress.done();
        }
    }
}
