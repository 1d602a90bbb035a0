package dev.neurolens.attribution;

import dev.neurolens.attribution.support.Batching;
import dev.neurolens.attribution.support.DisplayView;
import dev.neurolens.attribution.support.ImageGeometry;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Results;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.attribution.support.TensorMath;
import dev.neurolens.attribution.support.Timings;
import dev.neurolens.core.NeuroLensException;
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
import java.util.Optional;
import java.util.OptionalDouble;
import org.osgi.service.component.annotations.Component;

/**
 * Occlusion (Zeiler &amp; Fergus 2014), as Captum's {@code Occlusion} with a sliding window of
 * {@code (C, window, window)} (all channels at once) and strides {@code (C, stride, stride)}: each
 * window position is replaced by {@code fill} (in model-input space; 0 is the dataset mean for
 * normalized inputs) and the attribution of a value is the mean of
 * {@code y_c(x) − y_c(x_occluded)} over the windows that cover it (0 where none does; Captum
 * divides by zero there). Forward passes only, so it works on any engine. Cost: one forward
 * pass per window position per image, in chunks of {@code batch}.
 */
@Component(service = Explainer.class)
public final class Occlusion implements Explainer {

    @Override
    public String id() {
        return "occlusion";
    }

    @Override
    public String displayName() {
        return "Occlusion";
    }

    @Override
    public String description() {
        return "How much the target logit drops when a square window of the input is replaced by a fill value, "
                + "averaged over the windows covering each pixel (Zeiler and Fergus 2014); one forward pass per "
                + "window position.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.integer("window", "side of the square window in pixels", 8, 1, 100_000),
                ParameterDescriptor.integer("stride", "step between window positions in pixels", 4, 1, 100_000),
                ParameterDescriptor.real("fill", "value written into the window, in model-input space", 0.0, -1e6, 1e6),
                DisplayView.parameter("signed"),
                Batching.parameter());
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        Parameters p = Parameters.resolve(id(), parameters(), request.parameters());
        Tensor batch = request.batch();
        TensorMath.requireFinite(batch, request.imageNames());
        ImageGeometry g = ImageGeometry.of(batch, model.info().preprocessing().layout());
        OcclusionWindows windows;
        try {
            windows = new OcclusionWindows(g.height(), g.width(), p.integer("window"), p.integer("stride"));
        } catch (IllegalArgumentException e) {
            throw new NeuroLensException("method occlusion: " + e.getMessage());
        }
        Timings time = new Timings();
        Targets targets = Targets.resolve(model, batch, request.target());
        time.lap("forward");
        List<OcclusionWindows.Window> all = windows.all();
        int n = batch.dim(0);
        progress.begin(displayName(), (long) n * all.size());
        try {
            List<AttributionMap> maps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tensor map = occlude(model, batch.slice(i), targets, i, g, windows, (float) p.real("fill"),
                        Batching.size(p), progress);
                maps.add(Results.map(request, targets, i, map, Optional.empty(), OptionalDouble.empty(),
                        model.info().preprocessing()));
            }
            time.lap("engine");
            return new AttributionResult(id(), p.asMap(), Optional.empty(), maps, time.toMap());
        } finally {
            progress.done();
        }
    }

    /** One image's occlusion map. */
    static Tensor occlude(LoadedModel model, Tensor x, Targets targets, int image, ImageGeometry g,
            OcclusionWindows windows, float fill, int chunk, Progress progress) {
        List<OcclusionWindows.Window> all = windows.all();
        int k = windows.window();
        double fx = targets.score(image);
        int c = targets.classOf(image);
        double[] total = new double[g.height() * g.width()];
        int[] count = new int[total.length];
        float[] base = x.data();
        for (int from = 0; from < all.size(); from += chunk) {
            progress.checkCancelled();
            int to = Math.min(all.size(), from + chunk);
            float[] copies = new float[(to - from) * base.length];
            for (int w = from; w < to; w++) {
                int off = (w - from) * base.length;
                System.arraycopy(base, 0, copies, off, base.length);
                OcclusionWindows.Window win = all.get(w);
                for (int ch = 0; ch < g.channels(); ch++) {
                    for (int y = win.y(); y < win.y() + k; y++) {
                        for (int xx = win.x(); xx < win.x() + k; xx++) {
                            copies[off + g.index(ch, y, xx)] = fill;
                        }
                    }
                }
            }
            int[] shape = new int[x.rank() + 1];
            shape[0] = to - from;
            System.arraycopy(x.shape(), 0, shape, 1, x.rank());
            String out = model.info().outputs().get(0).name();
            Tensor logits = model.run(Tensor.wrap(copies, shape), List.of(out), progress).get(out);
            int row = logits.size() / (to - from);
            for (int w = from; w < to; w++) {
                double diff = fx - logits.get((w - from) * row + c);
                OcclusionWindows.Window win = all.get(w);
                for (int y = win.y(); y < win.y() + k; y++) {
                    for (int xx = win.x(); xx < win.x() + k; xx++) {
                        total[y * g.width() + xx] += diff;
                        count[y * g.width() + xx]++;
                    }
                }
            }
            progress.worked(to - from);
        }
        float[] out = new float[g.size()];
        for (int y = 0; y < g.height(); y++) {
            for (int xx = 0; xx < g.width(); xx++) {
                int pix = y * g.width() + xx;
                float v = count[pix] == 0 ? 0f : (float) (total[pix] / count[pix]);
                for (int ch = 0; ch < g.channels(); ch++) {
                    out[g.index(ch, y, xx)] = v;
                }
            }
        }
        return Tensor.wrap(out, x.shape());
    }
}
