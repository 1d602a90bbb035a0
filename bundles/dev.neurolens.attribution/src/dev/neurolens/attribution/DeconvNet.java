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
 * DeconvNet (Zeiler &amp; Fergus 2014): the backward pass with every ReLU-like node replaced by
 * {@code relu(g)} of the incoming gradient, whatever the forward activation
 * ({@link ReluOverrides.Deconv}), as Captum's {@code Deconvolution}. Convolutions pass back
 * through their transposes as in the gradient. The result's notes say which nodes were
 * overridden ({@code overridden}). Cost: one forward and one backward pass per image.
 */
@Component(service = Explainer.class)
public final class DeconvNet implements Explainer {

    @Override
    public String id() {
        return "deconvnet";
    }

    @Override
    public String displayName() {
        return "DeconvNet";
    }

    @Override
    public String description() {
        return "The backward pass with every ReLU-like op (Relu, LeakyRelu, Clip with min 0) rectifying the "
                + "signal instead of masking it (Zeiler and Fergus 2014); one backward pass per image.";
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
        return GradientMaps.explain(this, model, request, progress, ReluOverrides.deconvnet(), false,
                ReluLikeOps::report);
    }
}
