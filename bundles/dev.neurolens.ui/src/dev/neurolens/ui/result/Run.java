package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An explanation run read back from its folder: the {@link RunRecord} and, on demand, each image
 * and each attribution map (from the {@code .npy} files the run wrote).
 */
public final class Run {
    private final Path folder;
    private final RunRecord record;
    private final Map<String, BufferedImage> pictures = new HashMap<>();
    private final Map<String, Explained> maps = new HashMap<>();

    /**
     * One explanation of one image.
     *
     * @param map the attribution as the method returned it
     * @param details the command line's JSON record of it (method, parameters, layer, target, score, timings)
     */
    public record Explained(AttributionMap map, Map<String, Object> details) {
        /** The {@code view} parameter the method ran with, or {@code null}. */
        @SuppressWarnings("unchecked")
        public String view() {
            Object p = details.get("parameters");
            return p instanceof Map<?, ?> m ? (String) ((Map<String, Object>) m).get("view") : null;
        }
    }

    private Run(Path folder, RunRecord record) {
        this.folder = folder;
        this.record = record;
    }

    /**
     * Reads the run file {@code file} ({@code run.nlrun}).
     *
     * @throws NeuroLensException naming the file if it cannot be read or is not a run
     */
    public static Run read(Path file) {
        String source = file.toString();
        try {
            return new Run(file.toAbsolutePath().getParent(), RunRecord.fromJson(Json.read(file), source));
        } catch (IllegalArgumentException e) {
            throw new NeuroLensException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The run's index. */
    public RunRecord record() {
        return record;
    }

    /** The input layout of the model, for reducing channels. */
    public Layout layout() {
        return record.layout().equals("NHWC") ? Layout.NHWC : Layout.NCHW;
    }

    /** The image as the model saw it. */
    public BufferedImage picture(RunRecord.ImageEntry image) {
        return pictures.computeIfAbsent(image.name(), n -> Images.read(folder.resolve(image.picture())));
    }

    /** The explanation of {@code image} by {@code method}, if the run made it. */
    public Optional<Explained> explained(String image, String method) {
        Optional<RunRecord.Entry> entry = record.entry(image, method);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(maps.computeIfAbsent(image + "\u0000" + method, k -> load(entry.get())));
    }

    private Explained load(RunRecord.Entry entry) {
        Path file = folder.resolve(entry.record());
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) Json.read(file);
        JsonReader r = new JsonReader(details, file.toString());
        Map<String, Object> files = r.map("files");
        Tensor raw = Npy.read(local(files.get("npy")));
        Optional<Tensor> up = files.containsKey("upsampled") ? Optional.of(Npy.read(local(files.get("upsampled"))))
                : Optional.empty();
        OptionalDouble delta = r.has("completenessDelta") ? OptionalDouble.of(r.number("completenessDelta"))
                : OptionalDouble.empty();
        AttributionMap map = new AttributionMap(entry.image(), raw, up, (int) r.number("class"), r.string("label"),
                (float) r.number("score"), delta);
        return new Explained(map, details);
    }

    /** A file the record names, looked up in the run's folder (the record holds absolute paths). */
    private Path local(Object recorded) {
        return folder.resolve(Path.of(String.valueOf(recorded)).getFileName());
    }
}
