package dev.neurolens.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as JSON-ready maps ({@code dev.neurolens.core.io.Json} writes them), with the
 * stable keys of {@code docs/evaluation.md}: per model and method {@code pointing_game},
 * {@code pointing_game_centre_baseline}, {@code energy_in_mask}, {@code deletion_auc},
 * {@code insertion_auc}, {@code completeness_delta} (where defined), {@code randomization_spearman},
 * {@code randomization_ssim}, {@code independent_randomization_spearman},
 * {@code independent_randomization_ssim} (each {@code {layers, values}} from the logits down, the
 * cascading ones with {@code final}: every layer randomized), {@code passes}
 * and {@code flags}. Numbers are rounded to 4 decimals; undefined ones are {@code null}.
 */
public final class ReportJson {
    private ReportJson() {
    }

    /** The whole evaluation: settings, then one entry per model. */
    public static Map<String, Object> of(List<ModelReport> models, EvaluationSettings settings, String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pointing_tolerance_pixels", settings.pointingTolerance());
        s.put("curve_steps", settings.curveSteps());
        s.put("fill", settings.fill());
        s.put("randomization_images", settings.randomizationImages());
        s.put("independent_randomization", settings.independent());
        s.put("randomization_seed", settings.seed());
        m.put("settings", s);
        m.put("models", models.stream().map(ReportJson::model).toList());
        return m;
    }

    static Map<String, Object> model(ModelReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model().getFileName().toString());
        m.put("file", r.model().toString());
        m.put("images", r.images());
        m.put("randomization_images", r.randomizationImages());
        m.put("pointing_game_centre_baseline", round(r.centrePointingGame()));
        m.put("energy_in_mask_centre_baseline", round(r.centreEnergyInMask()));
        m.put("layers", r.layers().stream().map(l -> Map.of("name", l.name(), "op", l.op())).toList());
        List<Object> methods = new ArrayList<>();
        for (MethodReport x : r.methods()) {
            methods.add(method(x, r.centrePointingGame()));
        }
        m.put("methods", methods);
        return m;
    }

    static Map<String, Object> method(MethodReport r, double centre) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.id());
        m.put("name", r.displayName());
        if (r.error().isPresent()) {
            m.put("error", r.error().get());
            return m;
        }
        m.put("images", r.images());
        m.put("pointing_game", round(r.pointingGame()));
        m.put("pointing_game_centre_baseline", round(centre));
        m.put("energy_in_mask", round(r.energyInMask()));
        m.put("deletion_auc", round(r.deletionAuc()));
        m.put("insertion_auc", round(r.insertionAuc()));
        m.put("deletion_curve", round(r.deletionCurve()));
        m.put("insertion_curve", round(r.insertionCurve()));
        if (r.completenessDelta().isPresent()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("mean_abs", round(r.completenessDelta().getAsDouble()));
            c.put("mean_relative", round(r.relativeCompleteness().orElse(Double.NaN)));
            m.put("completeness_delta", c);
        }
        if (!r.cascading().isEmpty()) {
            m.put("randomization_spearman", steps(r.cascading(), true, true));
            m.put("randomization_ssim", steps(r.cascading(), false, true));
        }
        if (!r.independent().isEmpty()) {
            m.put("independent_randomization_spearman", steps(r.independent(), true, false));
            m.put("independent_randomization_ssim", steps(r.independent(), false, false));
        }
        m.put("passes", r.passes());
        m.put("flags", flags(r));
        return m;
    }

    /** Plain-language warnings: a method whose maps survive the randomization of every layer. */
    public static List<String> flags(MethodReport r) {
        List<String> out = new ArrayList<>();
        r.fullyRandomized().filter(s -> s.spearman() >= Checks.RANDOMIZED_SPEARMAN).ifPresent(s -> out.add(
                String.format(Locale.ROOT, "maps barely change when every layer is randomized (Spearman %.2f"
                        + " >= %.1f): they depend little on what the model learned", s.spearman(),
                        Checks.RANDOMIZED_SPEARMAN)));
        return out;
    }

    /** {@code {layers, values}} top layer first, with {@code final} (all layers randomized) for the cascade. */
    private static Map<String, Object> steps(List<LayerStep> steps, boolean spearman, boolean cascading) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", steps.stream().map(LayerStep::layer).toList());
        double[] v = steps.stream().mapToDouble(s -> spearman ? s.similarity().spearman() : s.similarity().ssim())
                .toArray();
        m.put("values", round(v));
        if (cascading) {
            m.put("final", round(v[v.length - 1]));
        }
        return m;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(ReportJson::round).toArray();
    }
}
