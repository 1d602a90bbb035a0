package dev.neurolens.gradcam;

import dev.neurolens.attribution.support.Batching;
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
 * Grad-CAM (Selvaraju et al. 2017): at a convolutional layer with activations {@code A^k},
 * {@code L = ReLU(Σ_k α_k A^k)} with {@code α_k} the spatial mean of {@code ∂y_c/∂A^k} — Captum's
 * {@code LayerGradCam(relu_attributions=True)}. The raw map is at the layer's resolution
 * {@code [h,w]}; the upsampled one is bilinear (half-pixel centres) at the input's size. Cost:
 * one forward and one backward pass per image.
 */
@Component(service = Explainer.class)
public final class GradCam implements Explainer {

    @Override
    public String id() {
        return "gradcam";
    }

    @Override
    public String displayName() {
        return "Grad-CAM";
    }

    @Override
    public String description() {
        return "A layer's activation maps weighted by their mean gradient, rectified (Selvaraju et al. 2017); "
                + "at --layer (default: the last spatial tensor before global pooling); one backward pass per image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(Batching.parameter());
    }

    @Override
    public boolean usesLayer() {
        return true;
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        return CamResults.explain(this, model, request, progress, CamMath::gradCam);
    }
}
