package dev.neurolens.gradcam;

import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Results;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BinaryOperator;

/** The flow of Grad-CAM and Grad-CAM++: validate, run the {@link CamPass}, upsample bilinearly. */
final class CamResults {
    private CamResults() {
    }

    static AttributionResult explain(Explainer method, LoadedModel model, ExplanationRequest request,
            Progress progress, BinaryOperator<Tensor> combine) {
        Parameters p = Parameters.resolve(method.id(), method.parameters(), request.parameters());
        TensorMath.requireFinite(request.batch(), request.imageNames());
        Timings time = new Timings();
        progress.begin(method.displayName(), request.batch().dim(0));
        try {
            CamPass cam = CamPass.run(model, request, p, combine, time, progress);
            List<AttributionMap> maps = new ArrayList<>();
            for (int i = 0; i < cam.maps().size(); i++) {
                Tensor map = cam.maps().get(i);
                Tensor up = Upsampling.BILINEAR.resize(map, cam.inputHeight(), cam.inputWidth());
                maps.add(Results.map(request, cam.targets(), i, map, Optional.of(up), OptionalDouble.empty(),
                        model.info().preprocessing()));
            }
            time.lap("upsample");
            return new AttributionResult(method.id(), p.asMap(), Optional.of(cam.layer()), maps, time.toMap());
        } finally {
            progress.done();
        }
    }
}
