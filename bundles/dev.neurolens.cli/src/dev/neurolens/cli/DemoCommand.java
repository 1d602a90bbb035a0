package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.io.Overlays;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Predictions;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code neurolens demo}: the main job on the bundled defaults. Runs the bundled model on the
 * bundled images, runs every installed attribution method on them, and writes an HTML page.
 */
final class DemoCommand implements Command {
    private static final int SHOW = 160;
    private static final List<String> GRID_ORDER = List.of("saliency", "gradient-x-input", "smoothgrad",
            "integrated-gradients", "guided-backprop", "deconvnet", "gradcam", "gradcam-plus-plus", "guided-gradcam",
            "lrp", "occlusion");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the bundled model on the bundled images and write an HTML page";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens demo [--model MODEL] [--images DIR] [--out DIR]

                The main job with no arguments: classifies the bundled photos with the bundled
                CIFAR-10 ResNet-20, explains each prediction with every installed attribution
                method, and writes a page to open in a browser.

                Options:
                  --model MODEL   default: <neurolens home>/models/resnet20_cifar10.onnx
                  --images DIR    default: <neurolens home>/images (PNG and JPEG files)
                  --out DIR       default: neurolens-out/demo (the page is DIR/index.html)
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "images", "out"), Set.of());
        Path modelPath = args.value("model").map(Session::path)
                .orElse(session.home().resolve("models").resolve("resnet20_cifar10.onnx"));
        Path imageDir = args.value("images").map(Session::path).orElse(session.home().resolve("images"));
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/demo"));
        List<Path> images = listImages(imageDir);
        ConsoleProgress progress = session.progress();
        List<Explainer> methods = session.explainers().stream()
                .filter(e -> e.kind() == ExplanationKind.ATTRIBUTION_MAP)
                .sorted(java.util.Comparator.comparingInt(DemoCommand::gridPosition)).toList();
        progress.begin("demo", 3L + methods.size());
        try (LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
            ModelInfo info = model.info();
            Inputs inputs = Inputs.fromImages(images, info.preprocessing());
            Tensor logits = model.predict(inputs.batch());
            progress.worked(1);
            List<ImageEntry> entries = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                String name = inputs.names().get(i);
                BufferedImage fitted = inputs.pictures().get(i).orElseThrow();
                Png.write(Heatmaps.resize(fitted, SHOW, SHOW * fitted.getHeight() / fitted.getWidth()),
                        out.resolve("input-" + name + ".png"));
                BufferedImage original = Images.read(images.get(i));
                Png.write(Heatmaps.resize(original, SHOW * original.getWidth() / original.getHeight(), SHOW),
                        out.resolve("photo-" + name + ".png"));
                entries.add(new ImageEntry(name, images.get(i).getFileName().toString(),
                        Predictions.top(logits.slice(i), 5, info.preprocessing()), new ArrayList<>()));
            }
            List<String> methodErrors = new ArrayList<>();
            for (Explainer method : methods) {
                progress.subTask(method.displayName());
                progress.checkCancelled();
                try {
                    explain(method, model, inputs, entries, out);
                } catch (CancelledException e) {
                    throw e;
                } catch (NeuroLensException e) {
                    methodErrors.add(method.displayName() + ": " + e.getMessage());
                }
                progress.worked(1);
            }
            String shapes = ShapesDemo.render(session, methods, out, progress);
            DissectionDemo.Section dissection = DissectionDemo.render(session, out, progress);
            shapes += dissection.html() + featureVisualization(session, model, dissection, out, progress);
            progress.worked(1);
            Path page = out.resolve("index.html");
            Json.writeFile(summary(info, entries, methods, methodErrors), out.resolve("demo.json"));
            String html = DemoPage.render(info, entries, methods, methodErrors, shapes);
            AtomicFiles.write(page, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
            progress.worked(1);
            progress.done();
            for (ImageEntry e : entries) {
                Predictions.Prediction top = e.predictions().get(0);
                session.out().printf("%-14s %-12s p %6.2f%%%n", e.file(), top.label(), 100 * top.probability());
            }
            session.out().println("Demo page: " + page.toUri());
        } finally {
            progress.done();
        }
        return 0;
    }

    /**
     * Feature visualizations of the dissected units next to their labels (issue: "channel
     * visualizations of the reference model's last conv layer next to the dissection labels"), or of
     * the demo model's first channels when the dissection could not run.
     */
    private static String featureVisualization(Session session, LoadedModel model, DissectionDemo.Section dissection,
            Path out, ConsoleProgress progress) throws IOException {
        if (dissection.labels().isEmpty()) {
            return FeatureVisDemo.render(model, null, Map.of(), out, progress);
        }
        try (LoadedModel dissected = session.open(dissection.model(), ModelOptions.defaults())) {
            return FeatureVisDemo.render(dissected, List.copyOf(dissection.labels().keySet()), dissection.labels(),
                    out, progress);
        }
    }

    private static void explain(Explainer method, LoadedModel model, Inputs inputs, List<ImageEntry> entries,
            Path out) throws IOException {
        ExplanationRequest request = new ExplanationRequest(inputs.batch(), inputs.names(), Target.PREDICTED,
                Optional.empty(), Map.of());
        Explanation result = method.explain(model, request, dev.neurolens.core.progress.Progress.NONE);
        if (!(result instanceof AttributionResult attribution)) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            AttributionMap map = attribution.maps().get(i);
            BufferedImage base = Heatmaps.resize(inputs.pictures().get(i).orElseThrow(), SHOW, SHOW);
            BufferedImage overlay = Overlays.overlay(map, attribution.parameters().get("view"),
                    model.info().preprocessing().layout(), base, SHOW, SHOW);
            String stem = entries.get(i).name() + "." + method.id();
            Png.write(overlay, out.resolve(stem + ".png"));
            Npy.write(map.map(), out.resolve(stem + ".npy"));
            entries.get(i).explanations().add(new ExplanationEntry(method.id(), method.displayName(), stem + ".png",
                    stem + ".npy", map.targetLabel()));
        }
    }

    /** The column of a method in the grid: the built-in methods in a fixed order, others after them. */
    private static int gridPosition(Explainer e) {
        int i = GRID_ORDER.indexOf(e.id());
        return i >= 0 ? i : GRID_ORDER.size();
    }

    private static List<Path> listImages(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NeuroLensException("image folder " + dir + " not found");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> images = s.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(png|jpe?g)"))
                    .sorted().toList();
            if (images.isEmpty()) {
                throw new NeuroLensException("no PNG or JPEG images in " + dir);
            }
            return images;
        }
    }

    private static Map<String, Object> summary(ModelInfo info, List<ImageEntry> entries, List<Explainer> methods,
            List<String> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", info.source().toString());
        m.put("methods", methods.stream().map(Explainer::id).toList());
        m.put("errors", errors);
        m.put("images", entries.stream().map(e -> {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("image", e.file());
            im.put("top", e.predictions().stream().map(p -> Map.of("label", p.label(), "class", p.index(),
                    "logit", p.logit(), "probability", p.probability())).toList());
            im.put("explanations", e.explanations().stream().map(x -> Map.of("method", x.method(), "png", x.png(),
                    "npy", x.npy())).toList());
            return im;
        }).toList());
        return m;
    }

    /** One image's results on the page. */
    record ImageEntry(String name, String file, List<Predictions.Prediction> predictions,
            List<ExplanationEntry> explanations) {
    }

    /** One method's map for one image. */
    record ExplanationEntry(String method, String displayName, String png, String npy, String target) {
    }
}
