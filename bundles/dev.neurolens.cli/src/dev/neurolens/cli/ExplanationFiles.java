package dev.neurolens.cli;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of one image's explanation, encoded in memory first (so that an encoding failure
 * writes nothing) and then written atomically: {@code <stem>.<method>.npy}, for layer maps
 * {@code <stem>.<method>.upsampled.npy}, {@code <stem>.<method>.png} and
 * {@code <stem>.<method>.json}.
 */
final class ExplanationFiles {
    /** The overlay's longer side is at least this many pixels (small inputs are enlarged). */
    static final int MIN_SIDE = 256;

    private final Map<Path, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Object> record;
    private final String summary;

    private ExplanationFiles(Map<String, Object> record, String summary) {
        this.record = record;
        this.summary = summary;
    }

    /** Encodes image {@code i}'s files. */
    static ExplanationFiles of(Path out, ModelInfo info, Explainer method, AttributionResult result, int i,
            Inputs inputs, Target requested) {
        AttributionMap map = result.maps().get(i);
        String stem = map.imageName() + "." + method.id();
        Path npy = out.resolve(stem + ".npy");
        Path up = out.resolve(stem + ".upsampled.npy");
        Path png = out.resolve(stem + ".png");
        Path json = out.resolve(stem + ".json");

        Map<String, Object> names = new LinkedHashMap<>();
        names.put("npy", npy.toString());
        map.upsampled().ifPresent(u -> names.put("upsampled", up.toString()));
        names.put("png", png.toString());
        names.put("json", json.toString());

        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("image", map.imageName());
        rec.put("model", info.source().toString());
        rec.put("method", method.id());
        rec.put("methodName", method.displayName());
        rec.put("parameters", new java.util.TreeMap<>(result.parameters()));
        result.layer().ifPresent(l -> rec.put("layer", l));
        rec.put("target", requested.isPredicted() ? "top" : requested.classIndex());
        rec.put("class", map.targetClass());
        rec.put("label", map.targetLabel());
        rec.put("score", map.score());
        rec.put("attributionSum", sum(map.map()));
        if (map.completenessDelta().isPresent()) {
            rec.put("completenessDelta", map.completenessDelta().getAsDouble());
        }
        rec.put("shape", map.map().shape());
        map.upsampled().ifPresent(u -> rec.put("upsampledShape", u.shape()));
        rec.put("timingsMillis", new LinkedHashMap<>(result.timingsMillis()));
        rec.put("files", names);

        String label = map.targetLabel().isEmpty() ? "class " + map.targetClass()
                : map.targetLabel() + " (class " + map.targetClass() + ")";
        String delta = map.completenessDelta().isPresent()
                ? String.format("  delta %.3g", map.completenessDelta().getAsDouble()) : "";
        String line = String.format("%-14s %-20s %-22s logit %8.4f%s  -> %s.{%s}", map.imageName(), method.id(),
                label, map.score(), delta, Session.show(out.resolve(stem)),
                map.upsampled().isPresent() ? "npy,upsampled.npy,png,json" : "npy,png,json");

        ExplanationFiles f = new ExplanationFiles(rec, line);
        f.files.put(npy, Npy.toBytes(map.map()));
        map.upsampled().ifPresent(u -> f.files.put(up, Npy.toBytes(u)));
        f.files.put(png, Png.encode(overlay(info, result, map, inputs, i)));
        f.files.put(json, Json.write(rec).getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static BufferedImage overlay(ModelInfo info, AttributionResult result, AttributionMap map, Inputs inputs,
            int i) {
        BufferedImage base = inputs.pictures().get(i)
                .orElseGet(() -> Images.fromTensor(inputs.batch().slice(i), info.preprocessing()));
        int longer = Math.max(base.getWidth(), base.getHeight());
        int scale = Math.max(1, (MIN_SIDE + longer - 1) / longer);
        return Overlays.overlay(map, result.parameters().get("view"), info.preprocessing().layout(), base,
                base.getWidth() * scale, base.getHeight() * scale);
    }

    /** The sum of a raw map (for LRP the relevance sum, for IG the attribution total), in float64. */
    private static double sum(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.get(i);
        }
        return s;
    }

    /** Writes every file atomically. */
    void write() throws IOException {
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            byte[] bytes = e.getValue();
            AtomicFiles.write(e.getKey(), o -> o.write(bytes));
        }
    }

    /** The JSON record. */
    Map<String, Object> record() {
        return record;
    }

    /** One line for the terminal. */
    String summaryLine() {
        return summary;
    }
}
