package dev.neurolens.attribution;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Gradient × Input (Shrikumar et al. 2016): {@code x ⊙ ∂y_c/∂x}, as Captum's
 * {@code InputXGradient}. Cost: one forward and one backward pass per image.
 */
@Component(service = Explainer.class)
public final class GradientTimesInput implements Explainer {

    @Override
    public String id() {
        return "gradient-x-input";
    }

    @Override
    public String displayName() {
        return "Gradient × Input";
    }

    @Override
    public String description() {
        return "The input times the gradient of the target logit (Shrikumar et al. 2016); one backward pass per "
                + "image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(DisplayView.parameter("signed"), Batching.parameter());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        return GradientMaps.explain(this, model, request, progress, Map.of(), true, m -> Map.of());
    }
}
