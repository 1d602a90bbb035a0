package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Predictions.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of one explanation run, stored as JSON in the run's folder ({@code run.nlrun}) next to
 * the same files the command line writes ({@code <image>.<method>.npy/.png/.json}) and each image
 * as the model saw it ({@code <image>.input.png}). File names are relative to that folder, so a
 * run folder can be moved or shared.
 *
 * @param model the model's workspace path, e.g. {@code /demo/models/resnet20_cifar10.onnx}
 * @param created when the run was made (ISO-8601)
 * @param target {@code top} or a class index, as requested
 * @param layer the layer asked for, or {@code ""} for each method's default
 * @param layout the model's input layout ({@code NCHW} or {@code NHWC})
 * @param classes the class names by index (labels, or {@code class <i>})
 * @param methods the explainer ids, in order
 * @param parameters per method, the parameters as given
 * @param images the images, in order
 * @param explanations one entry per image and method
 */
public record RunRecord(String model, String created, String target, String layer, String layout,
        List<String> classes, List<String> methods, Map<String, Map<String, String>> parameters,
        List<ImageEntry> images, List<Entry> explanations) {

    /** The format tag written into every run file. */
    public static final String FORMAT = "neurolens-run/1";

    /** Compact constructor: copies. */
    public RunRecord {
        classes = List.copyOf(classes);
        methods = List.copyOf(methods);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        parameters = java.util.Collections.unmodifiableMap(copy);
        images = List.copyOf(images);
        explanations = List.copyOf(explanations);
    }

    /**
     * One image of the run.
     *
     * @param name the image's name in result files
     * @param source the image file it was read from
     * @param picture the file holding the image as the model saw it
     * @param top the best classes, with scores
     */
    public record ImageEntry(String name, String source, String picture, List<Prediction> top) {
        /** Compact constructor: copies. */
        public ImageEntry {
            top = List.copyOf(top);
        }
    }

    /**
     * One explanation of one image.
     *
     * @param image the image's name
     * @param method the explainer id
     * @param record the file name of the explanation's JSON record (the command line's format)
     */
    public record Entry(String image, String method, String record) {
    }

    /** The entry for that image and method, if the run has it. */
    public java.util.Optional<Entry> entry(String image, String method) {
        return explanations.stream().filter(e -> e.image().equals(image) && e.method().equals(method)).findFirst();
    }

    /** The run as a JSON value ({@link dev.neurolens.core.io.Json#write}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("model", model);
        m.put("created", created);
        m.put("target", target);
        m.put("layer", layer);
        m.put("layout", layout);
        m.put("classes", classes);
        m.put("methods", methods);
        m.put("parameters", parameters);
        List<Object> imgs = new ArrayList<>();
        for (ImageEntry i : images) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", i.name());
            e.put("source", i.source());
            e.put("picture", i.picture());
            List<Object> top = new ArrayList<>();
            for (Prediction p : i.top()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("index", p.index());
                t.put("label", p.label());
                t.put("logit", p.logit());
                t.put("probability", p.probability());
                top.add(t);
            }
            e.put("top", top);
            imgs.add(e);
        }
        m.put("images", imgs);
        List<Object> ex = new ArrayList<>();
        for (Entry e : explanations) {
            ex.add(Map.of("image", e.image(), "method", e.method(), "record", e.record()));
        }
        m.put("explanations", ex);
        return m;
    }

    /**
     * Reads a run from its JSON value.
     *
     * @throws NeuroLensException naming {@code source} and the missing or malformed member
     */
    public static RunRecord fromJson(Object json, String source) {
        JsonReader r = new JsonReader(json, source);
        if (!FORMAT.equals(r.string("format"))) {
            throw new NeuroLensException(source + " is not a NeuroLens run (format " + FORMAT + " expected)");
        }
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        r.map("parameters").forEach((k, v) -> {
            Map<String, String> p = new LinkedHashMap<>();
            new JsonReader(v, source).map("").forEach((pk, pv) -> p.put(pk, String.valueOf(pv)));
            parameters.put(k, p);
        });
        List<ImageEntry> images = new ArrayList<>();
        for (Object o : r.list("images")) {
            JsonReader i = new JsonReader(o, source);
            List<Prediction> top = new ArrayList<>();
            for (Object t : i.list("top")) {
                JsonReader p = new JsonReader(t, source);
                top.add(new Prediction((int) p.number("index"), p.string("label"), (float) p.number("logit"),
                        p.number("probability")));
            }
            images.add(new ImageEntry(i.string("name"), i.string("source"), i.string("picture"), top));
        }
        List<Entry> explanations = new ArrayList<>();
        for (Object o : r.list("explanations")) {
            JsonReader e = new JsonReader(o, source);
            explanations.add(new Entry(e.string("image"), e.string("method"), e.string("record")));
        }
        return new RunRecord(r.string("model"), r.string("created"), r.string("target"), r.string("layer"),
                r.string("layout"), r.list("classes").stream().map(String::valueOf).toList(),
                r.list("methods").stream().map(String::valueOf).toList(), parameters, images, explanations);
    }
}
