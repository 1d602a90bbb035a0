package dev.neurolens.attribution;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.attribution.support.ReluLikeOps;
import dev.neurolens.attribution.support.ReluOverrides;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Guided Backprop (Springenberg et al. 2015): the gradient of the target logit where every
 * ReLU-like node passes back {@code relu(standard gradient)} — for a ReLU
 * {@code g · [x > 0] · [g > 0]} ({@link ReluOverrides.Guided}), as Captum's
 * {@code GuidedBackprop}. The result's notes say which nodes were overridden
 * ({@code overridden}). Cost: one forward and one backward pass per image.
 */
@Component(service = Explainer.class)
public final class GuidedBackprop implements Explainer {

    @Override
    public String id() {
        return "guided-backprop";
    }

    @Override
    public String displayName() {
        return "Guided Backprop";
    }

    @Override
    public String description() {
        return "The gradient with every ReLU-like op (Relu, LeakyRelu, Clip with min 0) passing back only "
                + "positive gradients where it was active (Springenberg et al. 2015); one backward pass per image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(DisplayView.parameter("abs"), Batching.parameter());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        return GradientMaps.explain(this, model, request, progress, ReluOverrides.guided(), false,
                ReluLikeOps::report);
    }
}
