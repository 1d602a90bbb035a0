package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.milan.DescriptionModel;
import dev.neurolens.milan.DescriptionPrior;
import dev.neurolens.milan.DescriptionSearch;
import dev.neurolens.milan.ExemplarPictures;
import dev.neurolens.milan.ExemplarSet;
import dev.neurolens.milan.UnitDescriber;
import dev.neurolens.milan.UnitDescription;
import dev.neurolens.milan.exemplars.DissectionExemplars;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code neurolens describe}: MILAN-style natural-language descriptions of the units of one or
 * more layers ({@code docs/milan.md}), written as {@code descriptions.json}, {@code
 * descriptions.html} and exemplar pictures; {@code --find WORD} lists the units whose
 * descriptions mention a word.
 */
final class DescribeCommand implements Command {
    static final int DEFAULT_TOP = 15;
    static final int SHOWN_EXEMPLARS = 5;
    private static final int PICTURE_SIZE = 72;

    private final Supplier<List<DescriptionModel>> models;
    private final Supplier<List<DescriptionPrior>> priors;

    /**
     * @param models the installed description models, best-ranked first
     * @param priors the installed priors, best-ranked first
     */
    DescribeCommand(Supplier<List<DescriptionModel>> models, Supplier<List<DescriptionPrior>> priors) {
        this.models = models;
        this.priors = priors;
    }

    @Override
    public String name() {
        return "describe";
    }

    @Override
    public String summary() {
        return "describe each unit of a layer in words (MILAN), or find the units that mention a word";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens describe --model MODEL --layer L[,L2...] --dataset DIR [--top K]
                                          [--lambda X] [--runner-ups N] [--find WORD]
                                          [--description-model ID] [--prior ID] [--out DIR]

                Describes every unit (channel) of the given layers in words, as MILAN does
                (Hernandez et al. 2022): each unit's exemplar set is its top-K images of the
                dataset by maximum activation, with the region where its upsampled activation is
                in its top 0.5 %; the description is the candidate d with the highest
                  PMI = log p(d|E) - lambda * log p(d)
                The bundled description model composes phrases from the dataset's concepts ("red
                circles", "striped texture", "white objects on grey", "circles and squares",
                "edges of squares") and scores p(d|E) by how well their pixels match the exemplar
                regions; the bundled prior p(d) is how well d fits the units being described, on
                average. See docs/milan.md.

                Options:
                  --model MODEL            an .onnx model
                  --layer L[,L2...]        layers (tensor names from 'neurolens info') whose output
                                           is a feature map [N,C,H,W]
                  --dataset DIR            a Broden-format concept dataset (e.g. made by the scene
                                           generator; see docs/broden.md)
                  --top K                  exemplars per unit (default 15)
                  --lambda X               weight of the prior, 0..1 (default %s)
                  --runner-ups N           runner-up descriptions kept per unit (default %d)
                  --find WORD              print only the units whose description mentions WORD
                                           (singular or plural), best PMI first
                  --description-model ID   a registered description model (default: the best-ranked;
                                           installed: %s)
                  --prior ID               a registered prior (default: the best-ranked; installed: %s)
                  --out DIR                where descriptions.json, descriptions.html and
                                           exemplars/*.png go (default neurolens-out/describe)

                Example:
                  neurolens describe --model models/shapes_vgg.onnx --layer /features/features.16/Relu \\
                                     --dataset scenes --find circle
                """.formatted(UnitDescriber.DEFAULT_LAMBDA, UnitDescriber.DEFAULT_RUNNER_UPS,
                ids(models.get().stream().map(DescriptionModel::id).toList()),
                ids(priors.get().stream().map(DescriptionPrior::id).toList()));
    }

    private static String ids(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "layer", "dataset", "top", "lambda", "runner-ups",
                "find", "description-model", "prior", "out"), Set.of());
        Path modelPath = Session.path(args.required("model"));
        List<String> layers = layers(args.required("layer"));
        Path datasetPath = Session.path(args.required("dataset"));
        int top = args.integer("top", DEFAULT_TOP, 1, 1000);
        int runnerUps = args.integer("runner-ups", UnitDescriber.DEFAULT_RUNNER_UPS, 0, 100);
        double lambda = lambda(args.value("lambda"));
        Optional<String> find = args.value("find").map(String::strip);
        if (find.isPresent() && find.get().isEmpty()) {
            throw new UsageException("--find needs a word");
        }
        DescriptionModel model = pick("description model", "--description-model", args.value("description-model"),
                models.get(), DescriptionModel::id);
        DescriptionPrior prior = pick("prior", "--prior", args.value("prior"), priors.get(), DescriptionPrior::id);
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/describe"));
        BrodenDataset dataset = BrodenDataset.open(datasetPath);

        ConsoleProgress progress = session.progress();
        long start = System.nanoTime();
        List<UnitDescription> described;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(progress);
                LoadedModel loaded = session.open(modelPath, ModelOptions.defaults())) {
            List<ExemplarSet> sets = new ArrayList<>();
            for (String layer : layers) {
                sets.addAll(new DissectionExemplars().find(loaded, dataset, layer, top, progress));
            }
            described = new UnitDescriber(lambda, runnerUps).describe(sets, model.scorer(dataset), prior, progress);
        } finally {
            progress.done();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.checkCancelled();
        DescriptionReport report = new DescriptionReport(modelPath, dataset, layers, model.id(), prior.id(), lambda,
                top, described, find, seconds);
        writePictures(dataset, described, out, progress);
        Json.writeFile(report.json(), out.resolve("descriptions.json"));
        byte[] html = report.html().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out.resolve("descriptions.html"), o -> o.write(html));
        print(session, described, find, seconds);
        session.out().println("Descriptions: " + out.resolve("descriptions.html").toUri());
        return 0;
    }

    private static void writePictures(BrodenDataset dataset, List<UnitDescription> described, Path out,
            ConsoleProgress progress) throws IOException {
        for (UnitDescription d : described) {
            progress.checkCancelled();
            BufferedImage strip = ExemplarPictures.strip(dataset, d, SHOWN_EXEMPLARS, PICTURE_SIZE);
            if (strip != null) {
                byte[] png = Png.encode(strip);
                AtomicFiles.write(out.resolve(DescriptionReport.picture(d)), o -> o.write(png));
            }
        }
    }

    private static void print(Session session, List<UnitDescription> described, Optional<String> find,
            double seconds) {
        List<UnitDescription> shown = find.map(w -> DescriptionSearch.find(described, w)).orElse(described);
        if (find.isPresent()) {
            session.out().printf("%d of %d units have descriptions that mention '%s':%n", shown.size(),
                    described.size(), find.get());
        }
        for (UnitDescription d : shown) {
            session.out().printf(Locale.ROOT, "%-36s %5d  %-32s PMI %6.3f%n", d.unit().layer(), d.unit().channel(),
                    d.best().text(), d.best().pmi());
        }
        session.out().printf(Locale.ROOT, "(%d units, %.0f s)%n", described.size(), seconds);
    }

    static List<String> layers(String list) {
        List<String> out = new ArrayList<>();
        for (String l : list.split(",")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--layer needs at least one layer name (see 'neurolens info --model M')");
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    static double lambda(Optional<String> text) {
        if (text.isEmpty()) {
            return UnitDescriber.DEFAULT_LAMBDA;
        }
        try {
            double v = Double.parseDouble(text.get().strip());
            if (!(v >= 0 && v <= 1)) {
                throw new UsageException("--lambda must be between 0 and 1, got " + text.get());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--lambda must be a number between 0 and 1, got '" + text.get() + "'");
        }
    }

    private static <T> T pick(String what, String option, Optional<String> id, List<T> installed,
            java.util.function.Function<T, String> idOf) {
        if (installed.isEmpty()) {
            throw new NeuroLensException("no " + what + " is installed (the dev.neurolens.milan bundle registers one)");
        }
        if (id.isEmpty()) {
            return installed.get(0);
        }
        return installed.stream().filter(t -> idOf.apply(t).equals(id.get().strip())).findFirst()
                .orElseThrow(() -> new UsageException("unknown " + what + " '" + id.get() + "' for " + option
                        + "; installed: " + String.join(", ", installed.stream().map(idOf).toList())));
    }
}
