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
 * Saliency (vanilla gradient; Simonyan, Vedaldi &amp; Zisserman 2014): the signed gradient
 * {@code ∂y_c/∂x} of the target logit {@code y_c} with respect to the input. The raw map is the
 * signed gradient — Captum's {@code Saliency.attribute(abs=False)}; the absolute value and the
 * paper's max over channels are display views ({@code view}). Cost: one forward and one backward
 * pass per image.
 */
@Component(service = Explainer.class)
public final class Saliency implements Explainer {

    @Override
    public String id() {
        return "saliency";
    }

    @Override
    public String displayName() {
        return "Saliency";
    }

    @Override
    public String description() {
        return "The signed gradient of the target logit with respect to the input (Simonyan et al. 2014); "
                + "one backward pass per image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(DisplayView.parameter("max"), Batching.parameter());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        return GradientMaps.explain(this, model, request, progress, Map.of(), false, m -> Map.of());
    }
}
