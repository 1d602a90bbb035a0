package dev.neurolens.gradcam;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.compile.ExplanationPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The shared part of the CAM methods: one engine call per chunk returns the layer's activations
 * (a tap) and the gradient of the target logit at the layer; {@code combine} turns each image's
 * pair into a map at the layer's resolution.
 *
 * @param layer the layer tensor
 * @param targets the explained classes
 * @param maps per image, the map {@code [h,w]}
 * @param inputHeight the input's height
 * @param inputWidth the input's width
 */
record CamPass(String layer, Targets targets, List<Tensor> maps, int inputHeight, int inputWidth) {

    /**
     * Runs the CAM of {@code combine} (on {@code [K,h,w]} activations and gradients).
     *
     * @throws NeuroLensException on an unknown or non-spatial layer
     */
    static CamPass run(LoadedModel model, ExplanationRequest request, Parameters p, BinaryOperator<Tensor> combine,
            Timings time, Progress progress) {
        Tensor batch = request.batch();
        String layer = LayerChoice.resolve(model.info(), request.layer());
        ExplanationPlan plan = ExplanationPlan.gradient(GradientPass.outputName(model), List.of(layer))
                .withTaps(List.of(layer));
        // explaining the prediction: the graph seeds itself with the argmax, saving a forward pass
        boolean predicted = request.target().isPredicted();
        GradientPass pass = GradientPass.compile(model, predicted ? plan.withPredictedSeed() : plan);
        time.lap("compile");
        Targets targets = predicted ? null : Targets.resolve(model, batch, request.target());
        time.lap("forward");
        int n = batch.dim(0);
        GradientPass.Outputs out = pass.runChunked(batch, predicted ? null : targets.seed(0, n), Batching.size(p),
                progress);
        if (predicted) {
            targets = Targets.choose(out.output(), request.target());
        }
        time.lap("engine");
        Tensor a = out.tap(layer);
        Tensor g = out.gradient(layer);
        if (a.rank() != 4) {
            throw new NeuroLensException("layer '" + layer + "' has shape " + a.shapeString()
                    + "; a CAM needs a 4-D convolutional tensor [N, channels, h, w]");
        }
        List<Tensor> maps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            maps.add(combine.apply(a.slice(i), g.slice(i)));
        }
        time.lap("combine");
        boolean planar = model.info().preprocessing().layout() == Layout.NCHW;
        return new CamPass(layer, targets, maps, batch.dim(planar ? 2 : 1), batch.dim(planar ? 3 : 2));
    }
}
