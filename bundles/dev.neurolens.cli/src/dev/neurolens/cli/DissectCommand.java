package dev.neurolens.cli;

import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.dissect.Dissection;
import dev.neurolens.dissect.DissectionJson;
import dev.neurolens.dissect.DissectionSettings;
import dev.neurolens.dissect.Dissector;
import dev.neurolens.dissect.ExemplarSet;
import dev.neurolens.dissect.ImageSource;
import dev.neurolens.dissect.UnionRule;
import dev.neurolens.dissect.UnitDissection;
import dev.neurolens.dissect.compose.CompositionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code neurolens dissect}: Network Dissection of one layer over a Broden-format dataset, with
 * compositional explanations and exemplars; writes {@code dissection.json}, {@code dissection.csv},
 * {@code index.html} and the exemplar pictures.
 */
final class DissectCommand implements Command {

    @Override
    public String name() {
        return "dissect";
    }

    @Override
    public String summary() {
        return "Network Dissection: what each unit of a layer detects, over a Broden dataset";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens dissect --model MODEL --layer LAYER --dataset DIR [--quantile Q]
                                         [--iou-threshold T] [--categories C,C] [--union image|activated]
                                         [--compositional [--max-length N] [--beam B]
                                         [--complexity-penalty P]] [--top K [--minimize]] [--batch N]
                                         [--memory MIB] [--out DIR]

                Scores every unit (channel) of a 4-D layer against the concepts of a Broden-format
                dataset (Bau et al. 2017): each unit's activation map is upsampled to the mask size
                (bilinear), thresholded at the unit's top quantile over the dataset, and compared
                with every concept's masks by IoU. A unit whose best IoU exceeds the threshold is a
                detector of that concept. See docs/dissection.md.

                Options:
                  --model MODEL            an .onnx model
                  --layer LAYER            a node or tensor name with a 4-D output [N, units, h, w]
                                           ('neurolens info' lists them)
                  --dataset DIR            a Broden-format folder (index.csv, category.csv, ...), e.g.
                                           one made by the scene generator (docs/broden.md)
                  --quantile Q             top fraction of each unit's activations (default 0.005)
                  --iou-threshold T        detector threshold (default 0.04)
                  --categories C,C         categories to score (default: all of the dataset's)
                  --union image|activated  which activated pixels count toward a concept's union: in
                                           images annotated in its category (default), or only where
                                           an activated pixel carries a label of it (NetDissect-Lite)
                  --compositional          also search formulas with AND, OR, AND NOT (Mu & Andreas)
                  --max-length N           most concepts per formula (default 3)
                  --beam B                 beam size (default 5)
                  --complexity-penalty P   formula of length n scores P^(n-1) * IoU (default 1)
                  --top K                  exemplars per unit (default 5; 0 for none)
                  --minimize               exemplars of most negative activation (lowest minimum)
                  --batch N                images per engine call (default 64)
                  --memory MIB             memory for exact quantiles and the activation cache
                                           (default a third of the Java heap)
                  --out DIR                where dissection.json, dissection.csv and index.html go
                                           (default neurolens-out/dissect)

                Example:
                  neurolens dissect --model models/shapes_vgg.onnx --layer /features/features.13/Relu_output_0 \\
                                    --dataset shapes64 --compositional --out out/dissect
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "layer", "dataset", "quantile", "iou-threshold",
                "categories", "union", "max-length", "beam", "complexity-penalty", "top", "batch", "memory", "out"),
                Set.of("compositional", "minimize"));
        Path modelPath = Session.path(args.required("model"));
        String layer = args.required("layer");
        Path datasetPath = Session.path(args.required("dataset"));
        DissectionSettings settings = settings(args);
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/dissect"));
        BrodenDataset dataset = BrodenDataset.open(datasetPath);
        ConsoleProgress progress = session.progress();
        Dissection d;
        Map<String, byte[]> pictures;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(progress);
                LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
            try {
                d = new Dissector(settings).dissect(model, layer, dataset, progress);
            } finally {
                progress.done();
            }
            List<ExemplarSet> sets = d.units().stream().map(UnitDissection::exemplars).filter(Objects::nonNull)
                    .toList();
            pictures = DissectionPage.pictures(sets, ImageSource.of(dataset), model.info().preprocessing());
        }
        progress.checkCancelled();
        write(out, d, pictures, modelPath, datasetPath);
        printSummary(session, d);
        session.out().println("Dissection: " + out.resolve("index.html").toUri());
        return 0;
    }

    /** Writes the pictures, then the JSON, CSV and page (each atomically). */
    static void write(Path out, Dissection d, Map<String, byte[]> pictures, Path model, Path dataset)
            throws IOException {
        for (var p : pictures.entrySet()) {
            AtomicFiles.write(out.resolve(p.getKey()), o -> o.write(p.getValue()));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("model", model.toString());
        extra.put("dataset", dataset.toString());
        Json.writeFile(DissectionJson.of(d, extra, (u, i) -> d.units().get(u).exemplars() == null ? null
                : DissectionPage.picture(u, i)), out.resolve("dissection.json"));
        byte[] csv = DissectionJson.csv(d).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out.resolve("dissection.csv"), o -> o.write(csv));
        String html = DissectionPage.html(d, "Network Dissection of " + model.getFileName() + " — " + d.layer(),
                "Dataset " + dataset);
        AtomicFiles.write(out.resolve("index.html"), o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static DissectionSettings settings(Args args) {
        DissectionSettings s = DissectionSettings.defaults()
                .withQuantile(fraction(args, "quantile", 0.005, false))
                .withIouThreshold(fraction(args, "iou-threshold", 0.04, true))
                .withTop(args.integer("top", 5, 0, 1000), args.flag("minimize"))
                .withBatch(args.integer("batch", 64, 1, 100_000));
        if (args.value("categories").isPresent()) {
            s = s.withCategories(Arrays.stream(args.value("categories").get().split(",")).map(String::strip)
                    .filter(c -> !c.isEmpty()).toList());
        }
        if (args.value("union").isPresent()) {
            try {
                s = s.withUnion(UnionRule.parse(args.value("union").get()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--union: " + e.getMessage());
            }
        }
        if (args.value("memory").isPresent()) {
            s = s.withMemoryBudget((long) args.integer("memory", 0, 1, 1 << 20) << 20);
        }
        boolean compose = args.flag("compositional");
        if (!compose && (args.value("max-length").isPresent() || args.value("beam").isPresent()
                || args.value("complexity-penalty").isPresent())) {
            throw new UsageException("--max-length, --beam and --complexity-penalty need --compositional");
        }
        if (compose) {
            double penalty = fraction(args, "complexity-penalty", 1.0, true);
            if (penalty <= 0) {
                throw new UsageException("--complexity-penalty must be in (0, 1], got " + penalty);
            }
            s = s.withComposition(new CompositionSettings(args.integer("max-length", 3, 1, 10),
                    args.integer("beam", 5, 1, 10_000), penalty));
        }
        return s;
    }

    /** A number in (0, 1) — or [0, 1] when {@code closed} — or its default. */
    static double fraction(Args args, String name, double defaultValue, boolean closed) {
        String text = args.value(name).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + text + "'");
        }
        boolean ok = closed ? v >= 0 && v <= 1 : v > 0 && v < 1;
        if (!ok) {
            throw new UsageException("--" + name + " must be in " + (closed ? "[0, 1]" : "(0, 1)") + ", got " + text);
        }
        return v;
    }

    private static void printSummary(Session session, Dissection d) {
        session.out().printf(Locale.ROOT, "%s: %d units, %d images, %d detectors (IoU > %s)%n", d.layer(),
                d.units().size(), d.images(), d.summary().detectors(), d.settings().iouThreshold());
        d.summary().uniqueDetectors().forEach((c, n) -> session.out().printf(Locale.ROOT,
                "  %-12s %3d unique detectors, %3d detector units%n", c, n, d.summary().detectorUnits().get(c)));
        session.out().printf(Locale.ROOT, "(%.1f s: forward %.1f s, tally %.1f s)%n", d.timings().get("total"),
                d.timings().get("forward"), d.timings().get("tally"));
    }
}
