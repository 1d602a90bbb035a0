package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.ImageBatch;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapters;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.ui.Services;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the UI must show, computed here straight from the services without any UI code: the
 * predicted class, and where Grad-CAM's and Saliency's own outputs have their maximum.
 *
 * @param info the model
 * @param predicted the top class of the image
 * @param gradcamPeak flat index of the maximum of Grad-CAM's upsampled map {@code [H,W]}
 * @param saliencyPeak flat pixel index of the maximum over pixels of {@code max_c |grad|}
 */
record Reference(ModelInfo info, int predicted, int gradcamPeak, int saliencyPeak) {

    static Reference compute(Path model, Path image) throws Exception {
        try (Services services = Services.open()) {
            assertTrue(services.awaitAdapter(60_000), "a model engine appears");
            Workbench.waitUntil("the Grad-CAM and Saliency services", () -> services.explainer("gradcam").isPresent()
                    && services.explainer("saliency").isPresent());
            try (LoadedModel m = ModelAdapters.open(services.adapters(), model,
                    ModelOptions.defaults().withThreads(2))) {
                ImageBatch batch = ImageBatch.load(List.of(image), m.info().preprocessing());
                int predicted = m.predict(batch.batch()).argMax();
                Tensor cam = explain(services.explainer("gradcam").orElseThrow(), m, batch).upsampled().orElseThrow();
                Tensor grad = explain(services.explainer("saliency").orElseThrow(), m, batch).map();
                return new Reference(m.info(), predicted, cam.argMax(), maxAbsOverChannels(grad).argMax());
            }
        }
    }

    private static dev.neurolens.core.explain.AttributionMap explain(Explainer e, LoadedModel m, ImageBatch batch) {
        AttributionResult r = (AttributionResult) e.explain(m, new ExplanationRequest(batch.batch(), batch.names(),
                Target.PREDICTED, Optional.empty(), Map.of()), Progress.NONE);
        return r.maps().get(0);
    }

    /** {@code [C,H,W] -> [H,W]}: the largest absolute value over channels, written out here on purpose. */
    static Tensor maxAbsOverChannels(Tensor chw) {
        int c = chw.dim(0);
        int h = chw.dim(1);
        int w = chw.dim(2);
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float best = 0;
                for (int k = 0; k < c; k++) {
                    best = Math.max(best, Math.abs(chw.at(k, y, x)));
                }
                out[y * w + x] = best;
            }
        }
        return Tensor.wrap(out, h, w);
    }
}
