package dev.neurolens.gradcam;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.attribution.support.GradientPass;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.ReluLikeOps;
import dev.neurolens.attribution.support.ReluOverrides;
import dev.neurolens.attribution.support.Results;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.osgi.service.component.annotations.Component;

/**
 * Guided Grad-CAM (Selvaraju et al. 2017, section 3.1), as Captum's {@code GuidedGradCam}: the
 * Guided Backprop map {@code [C,H,W]} times the Grad-CAM map upsampled to the input's size
 * (Captum's default {@code interpolate_mode='nearest'}; {@code upsample=bilinear} for the
 * paper's look), broadcast over channels. Cost: two backward passes per image.
 */
@Component(service = Explainer.class)
public final class GuidedGradCam implements Explainer {

    @Override
    public String id() {
        return "guided-gradcam";
    }

    @Override
    public String displayName() {
        return "Guided Grad-CAM";
    }

    @Override
    public String description() {
        return "Guided Backprop times the upsampled Grad-CAM (Selvaraju et al. 2017): fine detail where the "
                + "class evidence is; two backward passes per image.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(ParameterDescriptor.choice("upsample", "how the Grad-CAM map is resized to the input "
                        + "(Captum's interpolate_mode)", "nearest", Upsampling.IDS),
                DisplayView.parameter("abs"), Batching.parameter());
    }

    @Override
    public boolean usesLayer() {
        return true;
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        Parameters p = Parameters.resolve(id(), parameters(), request.parameters());
        Tensor batch = request.batch();
        TensorMath.requireFinite(batch, request.imageNames());
        Upsampling mode = Upsampling.of(p.text("upsample"));
        Timings time = new Timings();
        int n = batch.dim(0);
        progress.begin(displayName(), 2L * n);
        try {
            CamPass cam = CamPass.run(model, request, p, CamMath::gradCam, time, progress);
            GradientPass guided = GradientPass.inputGradient(model, ReluOverrides.guided());
            Tensor g = guided.runChunked(batch, cam.targets().seed(0, n), Batching.size(p), progress).gradient();
            time.lap("engine");
            boolean planar = model.info().preprocessing().layout() == Layout.NCHW;
            List<AttributionMap> maps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tensor up = mode.resize(cam.maps().get(i), cam.inputHeight(), cam.inputWidth());
                maps.add(Results.map(request, cam.targets(), i, times(g.slice(i), up, planar), Optional.empty(),
                        OptionalDouble.empty(), model.info().preprocessing()));
            }
            time.lap("combine");
            return new AttributionResult(id(), p.asMap(), Optional.of(cam.layer()), maps, time.toMap(),
                    ReluLikeOps.report(model));
        } finally {
            progress.done();
        }
    }

    /** {@code guided ⊙ cam}, the {@code [H,W]} map broadcast over the channels of one image. */
    static Tensor times(Tensor guided, Tensor cam, boolean planar) {
        int hw = cam.size();
        int c = guided.size() / hw;
        float[] out = new float[guided.size()];
        for (int i = 0; i < out.length; i++) {
            int pixel = planar ? i % hw : i / c;
            out[i] = guided.get(i) * cam.get(pixel);
        }
        return Tensor.wrap(out, guided.shape());
    }
}
