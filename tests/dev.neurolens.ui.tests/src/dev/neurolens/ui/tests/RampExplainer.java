package dev.neurolens.ui.tests;

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

/**
 * A third party's method, as small as one can be: a ramp over the pixels (rising row by row, or
 * falling with {@code direction=down}) for the predicted class. Registered as a service by the
 * test, it must show up in the dialog and run through the job into the editor with no change to
 * NeuroLens.
 */
final class RampExplainer implements Explainer {
    static final String ID = "test-ramp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Ramp (third-party test method)";
    }

    @Override
    public String description() {
        return "A ramp over the pixels; for tests.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(ParameterDescriptor.choice("direction", "where the ramp rises", "up", List.of("up", "down")));
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        Tensor batch = request.batch();
        Tensor logits = model.predict(batch);
        boolean down = request.parameter("direction", "up").equals("down");
        int h = batch.dim(2);
        int w = batch.dim(3);
        List<AttributionMap> maps = new ArrayList<>();
        for (int i = 0; i < batch.dim(0); i++) {
            float[] ramp = new float[h * w];
            for (int p = 0; p < ramp.length; p++) {
                ramp[p] = down ? ramp.length - 1 - p : p;
            }
            int top = logits.slice(i).argMax();
            maps.add(new AttributionMap(request.imageNames().get(i), Tensor.wrap(ramp, h, w), Optional.empty(), top,
                    model.info().preprocessing().label(top).orElse(""), logits.slice(i).get(top),
                    OptionalDouble.empty()));
        }
        return new AttributionResult(ID, Map.of("direction", down ? "down" : "up"), Optional.empty(), maps,
                Map.of("total", 0.0));
    }
}
