package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.dissect.DissectionJson;
import dev.neurolens.dissect.DissectionSettings;
import dev.neurolens.dissect.ExemplarFinder;
import dev.neurolens.dissect.ExemplarSet;
import dev.neurolens.dissect.ImageSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code neurolens exemplars}: the top-k images of units of any 4-D layer over a folder of images
 * or a Broden dataset, each as the receptive-field crop around the peak with the unit's mask;
 * writes {@code exemplars.json}, {@code index.html} and the pictures.
 */
final class ExemplarsCommand implements Command {

    @Override
    public String name() {
        return "exemplars";
    }

    @Override
    public String summary() {
        return "top-k images of a layer's units, cropped to the receptive field, with the unit's mask";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens exemplars --model MODEL --layer LAYER --images DIR [--unit U ...]
                                           [--top K] [--minimize] [--quantile Q] [--batch N] [--out DIR]

                For each chosen unit (channel) of a 4-D layer: the K images of highest maximum
                activation (--minimize: lowest minimum), each cropped to the receptive field of the
                peak position (from the strides, kernels and paddings between input and layer), with
                the unit's mask — its map upsampled to the input size (bilinear) and thresholded at
                the unit's top quantile over these images — highlighted.

                Options:
                  --model MODEL    an .onnx model
                  --layer LAYER    a node or tensor name with a 4-D output ('neurolens info')
                  --images DIR     a folder of images (.png, .jpg, .bmp, .gif), or a Broden dataset
                  --unit U         a unit (0-based; repeatable, or U,U,...; default: every unit)
                  --top K          images per unit (default 5)
                  --minimize       the images of most negative activation instead
                  --quantile Q     the mask threshold's top quantile (default 0.005)
                  --batch N        images per engine call (default 64)
                  --out DIR        where exemplars.json and index.html go (default neurolens-out/exemplars)

                Example:
                  neurolens exemplars --model models/resnet20_cifar10.onnx --layer /layer3/layer3.2/relu_1/Relu \\
                                      --images images --unit 7 --top 3
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "layer", "images", "unit", "top", "quantile", "batch",
                "out"), Set.of("minimize"));
        Path modelPath = Session.path(args.required("model"));
        String layer = args.required("layer");
        Path dir = Session.path(args.required("images"));
        int[] units = units(args.values("unit"));
        DissectionSettings settings = DissectionSettings.defaults()
                .withQuantile(DissectCommand.fraction(args, "quantile", 0.005, false))
                .withTop(args.integer("top", 5, 1, 1000), args.flag("minimize"))
                .withBatch(args.integer("batch", 64, 1, 100_000));
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/exemplars"));
        if (!Files.isDirectory(dir)) {
            throw new NeuroLensException("--images: " + dir + " is not a folder");
        }
        ImageSource images = Files.isRegularFile(dir.resolve("index.csv")) ? ImageSource.of(BrodenDataset.open(dir))
                : ImageSource.folder(dir);
        ConsoleProgress progress = session.progress();
        List<ExemplarSet> sets;
        Map<String, byte[]> pictures;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(progress);
                LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
            try {
                sets = new ExemplarFinder(settings).find(model, layer, images, units, progress);
            } finally {
                progress.done();
            }
            pictures = DissectionPage.pictures(sets, images, model.info().preprocessing());
        }
        progress.checkCancelled();
        for (var p : pictures.entrySet()) {
            AtomicFiles.write(out.resolve(p.getKey()), o -> o.write(p.getValue()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", modelPath.toString());
        json.put("layer", layer);
        json.put("images", dir.toString());
        json.put("quantile", settings.quantile());
        json.put("minimize", settings.minimize());
        List<Object> list = new ArrayList<>();
        for (ExemplarSet s : sets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", s.unit());
            m.put("threshold", s.threshold());
            m.put("exemplars", DissectionJson.exemplars(s, DissectionPage::picture));
            list.add(m);
        }
        json.put("units", list);
        Json.writeFile(json, out.resolve("exemplars.json"));
        String html = html(modelPath, layer, dir, sets);
        AtomicFiles.write(out.resolve("index.html"), o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
        for (ExemplarSet s : sets) {
            session.out().printf(Locale.ROOT, "unit %d: %s%n", s.unit(), String.join(", ", s.exemplars().stream()
                    .map(e -> String.format(Locale.ROOT, "%s (%.3g)", e.name(), e.score())).toList()));
        }
        session.out().println("Exemplars: " + out.resolve("index.html").toUri());
        return 0;
    }

    private static int[] units(List<String> values) {
        Set<Integer> units = new LinkedHashSet<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                try {
                    int u = Integer.parseInt(part.strip());
                    if (u < 0) {
                        throw new UsageException("--unit must not be negative, got " + u);
                    }
                    units.add(u);
                } catch (NumberFormatException e) {
                    throw new UsageException("--unit must be an integer, got '" + part + "'");
                }
            }
        }
        return units.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String html(Path model, String layer, Path images, List<ExemplarSet> sets) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Exemplars</title>\n<style>")
                .append(DissectionPage.STYLE).append("</style></head><body>\n<h1>Exemplars of ")
                .append(esc(model.getFileName().toString())).append(" — ").append(esc(layer)).append("</h1>\n")
                .append("<p class=\"sub\">Images from ").append(esc(images.toString()))
                .append("; each crop is the receptive field of the peak, the unit's mask highlighted.</p>\n")
                .append("<table><tr><th>unit</th><th>threshold</th><th>exemplars</th></tr>\n");
        for (ExemplarSet s : sets) {
            h.append("<tr><td class=\"num\">").append(s.unit()).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.4g", s.threshold())).append("</td><td class=\"ex\">")
                    .append(DissectionPage.exemplars(s)).append("</td></tr>\n");
        }
        return h.append("</table></body></html>\n").toString();
    }
}
