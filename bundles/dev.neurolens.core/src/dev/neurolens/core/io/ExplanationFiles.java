package dev.neurolens.core.io;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one image's explanation, the same for every front end, encoded in memory first (so
 * that an encoding failure writes nothing): {@code <stem>.<method>.npy}, for layer maps
 * {@code <stem>.<method>.upsampled.npy}, {@code <stem>.<method>.png} and
 * {@code <stem>.<method>.json}. The command line writes them with {@link #write()}; the workbench
 * takes {@link #files()} and writes them through its resource API.
 */
public final class ExplanationFiles {
    /** The overlay's longer side is at least this many pixels (small inputs are enlarged). */
    public static final int MIN_SIDE = 256;

    private final Map<Path, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Object> record;
    private final Path stem;

    private ExplanationFiles(Map<String, Object> record, Path stem) {
        this.record = record;
        this.stem = stem;
    }

    /**
     * Encodes image {@code i}'s files.
     *
     * @param out the folder the files go to
     * @param info the model
     * @param method the explainer that made {@code result}
     * @param result the explanation of a batch
     * @param i the image's index in the batch
     * @param base the image as the model saw it (fitted to the input size), under the overlay
     * @param requested the target as asked for ({@code top} or a class)
     */
    public static ExplanationFiles of(Path out, ModelInfo info, Explainer method, AttributionResult result, int i,
            BufferedImage base, Target requested) {
        AttributionMap map = result.maps().get(i);
        Path stem = out.resolve(map.imageName() + "." + method.id());
        Path npy = sibling(stem, ".npy");
        Path up = sibling(stem, ".upsampled.npy");
        Path png = sibling(stem, ".png");
        Path json = sibling(stem, ".json");

        Map<String, Object> names = new LinkedHashMap<>();
        names.put("npy", npy.toString());
        map.upsampled().ifPresent(u -> names.put("upsampled", up.toString()));
        names.put("png", png.toString());
        names.put("json", json.toString());

        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("image", map.imageName());
        rec.put("model", info.source().toString());
        rec.put("engine", info.engine());
        rec.put("method", method.id());
        rec.put("methodName", method.displayName());
        rec.put("parameters", new TreeMap<>(result.parameters()));
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
        if (!result.notes().isEmpty()) {
            rec.put("notes", new java.util.TreeMap<>(result.notes()));
        }
        rec.put("timingsMillis", new LinkedHashMap<>(result.timingsMillis()));
        rec.put("files", names);

        ExplanationFiles f = new ExplanationFiles(rec, stem);
        f.files.put(npy, Npy.toBytes(map.map()));
        map.upsampled().ifPresent(u -> f.files.put(up, Npy.toBytes(u)));
        int longer = Math.max(base.getWidth(), base.getHeight());
        int scale = Math.max(1, (MIN_SIDE + longer - 1) / longer);
        f.files.put(png, Png.encode(Overlays.overlay(map, result.parameters().get("view"),
                info.preprocessing().layout(), base, base.getWidth() * scale, base.getHeight() * scale)));
        f.files.put(json, Json.write(rec).getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static Path sibling(Path stem, String suffix) {
        return stem.resolveSibling(stem.getFileName() + suffix);
    }

    /** The sum of a raw map (for LRP the relevance sum, for IG the attribution total), in float64. */
    private static double sum(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.get(i);
        }
        return s;
    }

    /** Writes every file atomically ({@link AtomicFiles}), creating the folder. */
    public void write() throws IOException {
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            byte[] bytes = e.getValue();
            AtomicFiles.write(e.getKey(), o -> o.write(bytes));
        }
    }

    /** The encoded files by path, in writing order (the JSON record last). */
    public Map<Path, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    /** The JSON record. */
    public Map<String, Object> record() {
        return Collections.unmodifiableMap(record);
    }

    /** The common path of the files without their suffix, {@code <out>/<image>.<method>}. */
    public Path stem() {
        return stem;
    }
}
