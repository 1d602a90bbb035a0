package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The JSON of an evaluation ({@link ReportJson}), built from a hand-made report and read back as
 * {@code neurolens evaluate} writes it: the stable keys of {@code docs/evaluation.md}, in their order.
 */
class ReportJsonTest {
    /** The keys of a method with every metric, in the order they are written. */
    private static final List<String> METHOD_KEYS = List.of("method", "name", "images", "pointing_game",
            "pointing_game_centre_baseline", "energy_in_mask", "deletion_auc", "insertion_auc", "deletion_curve",
            "insertion_curve", "completeness_delta", "randomization_spearman", "randomization_ssim",
            "independent_randomization_spearman", "independent_randomization_ssim", "passes", "flags");
    private static final List<String> MODEL_KEYS = List.of("model", "file", "images", "randomization_images",
            "pointing_game_centre_baseline", "energy_in_mask_centre_baseline", "layers", "methods");
    private static final List<String> SETTINGS_KEYS = List.of("pointing_tolerance_pixels", "curve_steps", "fill",
            "randomization_images", "independent_randomization", "randomization_seed");

    private static List<LayerStep> steps(double... spearman) {
        List<LayerStep> out = new ArrayList<>();
        for (int k = 0; k < spearman.length; k++) {
            out.add(new LayerStep(List.of("/fc/Gemm", "/conv2/Conv", "/conv1/Conv").get(k),
                    new Similarity(spearman[k], spearman[k] / 2)));
        }
        return out;
    }

    /** Every metric, a barely changing map (flagged) and a completeness delta. */
    private static MethodReport full() {
        double[] curve = new double[17];
        for (int k = 0; k < curve.length; k++) {
            curve[k] = 1 - k / 16.0;
        }
        return new MethodReport("integrated-gradients", "Integrated Gradients", 4, 0.75, 0.412345, 0.123456,
                0.654321, curve, curve.clone(), OptionalDouble.of(0.0123), OptionalDouble.of(0.0286), List.of(),
                List.of(), Map.of(), List.of(), Optional.empty())
                .withRandomization(steps(0.98, 0.91, 0.876543), steps(0.97, 0.5, 0.2), 0.25);
    }

    private static ModelReport model(MethodReport... methods) {
        return new ModelReport(Path.of("models", "shapes_vgg.onnx"), 4, 2, 0.25, 0.18,
                List.of(new ParametrizedLayer("/conv1/Conv", "Conv", 0, List.of("w1", "b1")),
                        new ParametrizedLayer("/conv2/Conv", "Conv", 2, List.of("w2", "b2")),
                        new ParametrizedLayer("/fc/Gemm", "Gemm", 5, List.of("w3", "b3"))),
                List.of(methods), List.of());
    }

    /** Written as the command writes it, then parsed back. */
    private static Object written(List<ModelReport> models, EvaluationSettings settings) {
        return Json.parse(Json.write(ReportJson.of(models, settings, "4 generated scenes")));
    }

    /** The value at a path of member names and array indices. */
    private static Object at(Object json, Object... path) {
        Object o = json;
        for (Object step : path) {
            o = step instanceof Integer i ? ((List<?>) o).get(i) : ((Map<?, ?>) o).get(step);
        }
        return o;
    }

    private static double number(Object json, Object... path) {
        return ((Number) at(json, path)).doubleValue();
    }

    /** The member names of the object at {@code path}, in file order. */
    private static List<Object> keys(Object json, Object... path) {
        return List.copyOf(((Map<?, ?>) at(json, path)).keySet());
    }

    @Test
    void theEvaluationHasTheStableKeys() {
        Object json = written(List.of(model(full())), EvaluationSettings.defaults());
        assertEquals(List.of("data", "settings", "models"), keys(json));
        assertEquals("4 generated scenes", at(json, "data"));
        assertEquals(SETTINGS_KEYS, keys(json, "settings"));
        assertEquals(0.0, number(json, "settings", "fill"));
        assertEquals(16L, at(json, "settings", "curve_steps"));

        assertEquals(1, ((List<?>) at(json, "models")).size());
        Object model = at(json, "models", 0);
        assertEquals(MODEL_KEYS, keys(model));
        assertEquals("shapes_vgg.onnx", at(model, "model"));
        assertEquals(4L, at(model, "images"));
        assertEquals(2L, at(model, "randomization_images"));
        assertEquals(0.25, number(model, "pointing_game_centre_baseline"));
        assertEquals(Map.of("name", "/conv1/Conv", "op", "Conv"), at(model, "layers", 0));

        Object m = at(model, "methods", 0);
        assertEquals(METHOD_KEYS, keys(m));
        assertEquals("integrated-gradients", at(m, "method"));
        assertEquals(0.75, number(m, "pointing_game"));
        assertEquals(0.25, number(m, "pointing_game_centre_baseline"), "the model's baseline, per method");
        assertEquals(0.4123, number(m, "energy_in_mask"), "rounded to 4 decimals");
        assertEquals(0.1235, number(m, "deletion_auc"));
        assertEquals(0.6543, number(m, "insertion_auc"));
        assertEquals(17, ((List<?>) at(m, "deletion_curve")).size());
        assertEquals(0.9375, number(m, "insertion_curve", 1));
        assertEquals(Map.of("mean_abs", 0.0123, "mean_relative", 0.0286), at(m, "completeness_delta"));

        assertEquals(List.of("layers", "values", "final"), keys(m, "randomization_spearman"));
        assertEquals(List.of("/fc/Gemm", "/conv2/Conv", "/conv1/Conv"), at(m, "randomization_spearman", "layers"));
        assertEquals(List.of(0.98, 0.91, 0.8765), at(m, "randomization_spearman", "values"));
        assertEquals(0.8765, number(m, "randomization_spearman", "final"), "the last step: every layer randomized");
        assertEquals(0.4383, number(m, "randomization_ssim", "final"));
        assertEquals(List.of("layers", "values"), keys(m, "independent_randomization_spearman"),
                "no final: one layer at a time");
        assertEquals(List.of(0.97, 0.5, 0.2), at(m, "independent_randomization_spearman", "values"));
        assertEquals(List.of(0.485, 0.25, 0.1), at(m, "independent_randomization_ssim", "values"));

        assertEquals(Map.of("localization", false, "randomization", false, "faithfulness", true, "completeness",
                true), at(m, "passes"));
        List<?> flags = (List<?>) at(m, "flags");
        assertEquals(1, flags.size(), flags.toString());
        assertTrue(flags.get(0).toString().contains("maps barely change when every layer is randomized"),
                flags.toString());
    }

    @Test
    void keysWithoutValuesAreLeftOut() {
        MethodReport plain = new MethodReport("gradcam", "Grad-CAM", 4, 1.0, Double.NaN, 0.2, 0.6, new double[17],
                new double[17], OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(), Map.of(),
                List.of(), Optional.empty()).withRandomization(List.of(), List.of(), 0.25);
        MethodReport failed = MethodReport.failed("lrp", "LRP", "no rule for op Foo");
        Object methods = at(written(List.of(model(plain, failed)), EvaluationSettings.defaults()), "models", 0,
                "methods");
        List<String> expected = new ArrayList<>(METHOD_KEYS);
        expected.removeAll(List.of("completeness_delta", "randomization_spearman", "randomization_ssim",
                "independent_randomization_spearman", "independent_randomization_ssim"));
        assertEquals(expected, keys(methods, 0));
        assertTrue(keys(methods, 0).contains("energy_in_mask") && at(methods, 0, "energy_in_mask") == null,
                "undefined numbers are null");
        assertEquals(Map.of("localization", true, "faithfulness", true), at(methods, 0, "passes"));
        assertEquals(List.of(), at(methods, 0, "flags"));
        assertEquals(Map.of("method", "lrp", "name", "LRP", "error", "no rule for op Foo"), at(methods, 1));
    }

    @Test
    void theFillIsRecorded() {
        Object json = written(List.of(), EvaluationSettings.defaults().withFill(0.5f));
        assertEquals(0.5, number(json, "settings", "fill"));
        assertEquals(-1.25, number(written(List.of(), EvaluationSettings.defaults().withFill(-1.25f)), "settings",
                "fill"));
        assertEquals(List.of(), at(json, "models"));
        EvaluationSettings s = EvaluationSettings.defaults().withRandomizationImages(2).withFill(0.5f);
        assertEquals(new EvaluationSettings(0, 16, 0.5f, 64, 2, true, 1), s, "only the fill changes");
        assertThrows(IllegalArgumentException.class, () -> EvaluationSettings.defaults().withFill(Float.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> EvaluationSettings.defaults().withFill(Float.POSITIVE_INFINITY));
    }

    /** Every key the JSON writes is documented in docs/evaluation.md. */
    @Test
    void theKeysAreDocumented() throws IOException {
        Path models = Path.of(System.getProperty("neurolens.models", "../../models")).toAbsolutePath().normalize();
        String doc = Files.readString(models.resolveSibling("docs").resolve("evaluation.md"));
        List<String> keys = new ArrayList<>(METHOD_KEYS.subList(3, METHOD_KEYS.size()));
        keys.addAll(SETTINGS_KEYS);
        keys.addAll(List.of("data", "settings", "models", "energy_in_mask_centre_baseline", "localization",
                "randomization", "faithfulness", "completeness", "settings.fill"));
        for (String key : keys) {
            assertTrue(doc.contains("`" + key + "`"), "`" + key + "` in docs/evaluation.md");
        }
        for (String inner : List.of("{layers, values, final}", "{layers, values}", "{mean_abs, mean_relative}")) {
            assertTrue(doc.contains(inner), inner + " in docs/evaluation.md");
        }
        assertFalse(doc.contains("fill **0** in model-input space"), "the fill is no longer fixed");
    }
}
