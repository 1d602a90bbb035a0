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
 * Grad-CAM++ (Chattopadhay et al. 2018): like Grad-CAM, but each channel's weight sums the
 * positive gradients with per-position coefficients
 * {@code a_ij = G² / (2 G² + (Σ_ab A_ab) G³ + ε)} — the closed form of the paper's eq. 19 for an
 * exponentiated score, as pytorch-grad-cam's {@code GradCAMPlusPlus} computes it (see
 * {@link CamMath#gradCamPlusPlus}). Raw map at the layer's resolution, plus a bilinear upsample.
 * Cost: one forward and one backward pass per image.
 */
@Component(service = Explainer.class)
public final class GradCamPlusPlus implements Explainer {

    @Override
    public String id() {
        return "gradcam-plus-plus";
    }

    @Override
    public String displayName() {
        return "Grad-CAM++";
    }

    @Override
    public String description() {
        return "Grad-CAM with per-position weights on the positive gradients (Chattopadhay et al. 2018), as "
                + "pytorch-grad-cam computes it; one backward pass per image.";
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
        return CamResults.explain(this, model, request, progress, CamMath::gradCamPlusPlus);
    }
}
