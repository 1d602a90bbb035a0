package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.evaluation.EvaluationSample;
import dev.neurolens.evaluation.EvaluationSettings;
import dev.neurolens.evaluation.Evaluator;
import dev.neurolens.evaluation.MethodReport;
import dev.neurolens.evaluation.ModelReport;
import dev.neurolens.evaluation.ReportJson;
import dev.neurolens.evaluation.SampleSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code neurolens evaluate}: how good the attribution methods are on models with ground truth —
 * localization on object masks, the randomization sanity checks and faithfulness — written as
 * {@code evaluation.json} and {@code evaluation.html} (with example heatmaps).
 */
final class EvaluateCommand implements Command {
    static final List<String> DEFAULT_MODELS = List.of("shapes_vgg.onnx", "shapes_resnet.onnx");
    static final long DEFAULT_SEED = 3;
    private static final int DEFAULT_IMAGES = 50;
    /** The methods of the default run: every built-in method that costs one backward pass, and IG. */
    static final List<String> DEFAULT_METHODS = List.of("saliency", "gradient-x-input", "guided-backprop", "deconvnet",
            "gradcam", "gradcam-plus-plus", "guided-gradcam", "lrp", "integrated-gradients");
    /** Methods that cost tens to hundreds of passes per image: not randomized unless asked for. */
    static final Set<String> MANY_PASSES = Set.of("integrated-gradients", "smoothgrad", "occlusion");

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "score the attribution methods: pointing game, randomization checks, deletion/insertion";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens evaluate [--model MODEL ...] [--dataset DIR] [--methods ID,ID|all]
                                          [--randomize ID,ID|all|none] [--images N] [--seed S]
                                          [--randomization-images R] [--fill V] [--out DIR]

                Scores attribution methods on models whose images have ground-truth object masks.
                With no options: the two bundled shape models (models/shapes_vgg.onnx,
                models/shapes_resnet.onnx) on 50 freshly generated scenes made with their training
                settings (seed 3; training used 1, their test set 2), with the one-pass methods and
                Integrated Gradients (about 2-3 minutes on 2 cores).

                Per model and method (docs/evaluation.md defines each):
                  pointing_game            share of images whose map maximum lies on the object
                  energy_in_mask           share of the map's positive mass on the object
                  (both beside the centre baseline, a map peaked at the image centre)
                  randomization_spearman,  similarity of the maps after re-initializing the layers
                  randomization_ssim       from the logits down (cascading; and one at a time:
                                           independent_randomization_*), Adebayo et al. 2018
                  deletion_auc,            score of the class as the top pixels are removed /
                  insertion_auc            inserted (RISE), area under the curve
                  completeness_delta       Integrated Gradients: sum of attributions - (f(x) - f(x'))
                  passes                   which checks pass (localization, randomization, ...)

                Options:
                  --model MODEL            an .onnx model (repeatable; default: the two shape models)
                  --dataset DIR            a Broden dataset whose object labels are the model's
                                           classes (default: generated scenes; needs the shape classes)
                  --methods ID,ID|all      methods to evaluate (default: saliency, gradient-x-input,
                                           guided-backprop, deconvnet, gradcam, gradcam-plus-plus,
                                           guided-gradcam, lrp, integrated-gradients; all: every
                                           installed attribution method)
                  --randomize ID,ID|all|none
                                           methods that also get the randomization checks (default:
                                           the chosen ones except integrated-gradients, smoothgrad and
                                           occlusion, which cost 50-200 passes per image and layer)
                  --images N               images per model (default 50)
                  --seed S                 seed of the generated scenes (default 3)
                  --randomization-images R images used by the randomization checks (default 16)
                  --fill V                 the value deleted pixels get in the deletion curves, and
                                           the insertion curves' starting canvas, in model-input
                                           space: after the model's preprocessing (default 0, black
                                           for the shape models; any finite number)
                  --out DIR                where evaluation.json, evaluation.html and the example
                                           heatmaps go (default neurolens-out/evaluate)

                Example:
                  neurolens evaluate --model models/shapes_vgg.onnx --methods gradcam,saliency --images 50
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "dataset", "methods", "randomize", "images", "seed",
                "randomization-images", "fill", "out"), Set.of());
        int images = args.integer("images", DEFAULT_IMAGES, 1, 100_000);
        long seed = seed(args.value("seed"));
        EvaluationSettings settings = EvaluationSettings.defaults()
                .withRandomizationImages(args.integer("randomization-images", 16, 0, 100_000))
                .withFill((float) args.number("fill", 0, -Float.MAX_VALUE, Float.MAX_VALUE));
        List<Path> models = args.values("model").isEmpty()
                ? DEFAULT_MODELS.stream().map(m -> session.home().resolve("models").resolve(m)).toList()
                : args.values("model").stream().map(Session::path).toList();
        List<Explainer> installed = session.explainers().stream()
                .filter(e -> e.kind() == ExplanationKind.ATTRIBUTION_MAP).toList();
        List<Explainer> methods = args.value("methods").map(m -> methods(m, installed))
                .orElse(DEFAULT_METHODS.stream().flatMap(id -> installed.stream().filter(e -> e.id().equals(id)))
                        .toList());
        if (methods.isEmpty()) {
            throw new NeuroLensException("none of the default methods is installed (" + String.join(", ",
                    DEFAULT_METHODS) + "); choose with --methods");
        }
        List<Explainer> randomized = args.value("randomize").map(r -> r.equals("none") ? List.<Explainer>of()
                : methods(r, methods))
                .orElse(methods.stream().filter(m -> !MANY_PASSES.contains(m.id())).toList());
        if (randomized.isEmpty()) {
            // say what was run: no image goes through a randomized model
            settings = settings.withRandomizationImages(0).withIndependent(false);
        }
        Optional<BrodenDataset> dataset = args.value("dataset").map(d -> BrodenDataset.open(Session.path(d)));
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/evaluate"));
        String data = dataset.map(d -> "Broden dataset " + d.directory())
                .orElse(String.format(Locale.ROOT, "%d generated scenes (seed %d, one object of radius 0.18-0.32,"
                        + " half the backgrounds textured)", images, seed));
        ConsoleProgress progress = session.progress();
        List<ModelReport> reports = new ArrayList<>();
        long start = System.nanoTime();
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(progress)) {
            Evaluator evaluator = new Evaluator((file, pre) -> session.open(file,
                    ModelOptions.defaults().withPreprocessing(pre)), settings);
            for (Path modelPath : models) {
                try (LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
                    Preprocessing pre = model.info().preprocessing();
                    List<EvaluationSample> samples = dataset.isPresent()
                            ? SampleSets.broden(dataset.get(), pre, images)
                            : SampleSets.generated(SampleSets.shapesLikeTraining(seed, images, pre), pre);
                    reports.add(evaluator.evaluate(model, modelPath, methods, randomized, samples, progress));
                } finally {
                    progress.done();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluationPage page = EvaluationPage.of(reports, data, settings.fill(), seconds);
        Map<String, byte[]> pictures = page.pictures();
        progress.checkCancelled();
        for (var p : pictures.entrySet()) {
            AtomicFiles.write(out.resolve(p.getKey()), o -> o.write(p.getValue()));
        }
        Json.writeFile(ReportJson.of(reports, settings, data), out.resolve("evaluation.json"));
        String html = page.html();
        AtomicFiles.write(out.resolve("evaluation.html"), o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
        printSummary(session, reports, seconds);
        session.out().println("Evaluation: " + out.resolve("evaluation.html").toUri());
        return 0;
    }

    private static void printSummary(Session session, List<ModelReport> reports, double seconds) {
        for (ModelReport r : reports) {
            session.out().printf(Locale.ROOT, "%s: %d images, centre baseline pointing game %.3f%n",
                    r.model().getFileName(), r.images(), r.centrePointingGame());
            session.out().printf("  %-22s %8s %8s %8s %8s %9s  %s%n", "method", "pointing", "energy", "del.AUC",
                    "ins.AUC", "rand.rho", "passes");
            for (MethodReport m : r.methods()) {
                if (m.error().isPresent()) {
                    session.out().printf("  %-22s error: %s%n", m.id(), m.error().get());
                    continue;
                }
                String passes = m.passes().entrySet().stream()
                        .map(e -> (e.getValue() ? "" : "!") + e.getKey()).collect(Collectors.joining(" "));
                session.out().printf(Locale.ROOT, "  %-22s %8.3f %8.3f %8.3f %8.3f %9s  %s%n", m.id(),
                        m.pointingGame(), m.energyInMask(), m.deletionAuc(), m.insertionAuc(),
                        m.fullyRandomized().map(s -> String.format(Locale.ROOT, "%.3f", s.spearman())).orElse("-"),
                        passes);
            }
        }
        session.out().printf(Locale.ROOT, "(%.0f s; '!' marks a failed check)%n", seconds);
    }

    /**
     * The methods named in a comma-separated list ({@code all}: every one of {@code choices}).
     *
     * @throws UsageException naming the valid ids for an unknown or unavailable id
     */
    private static List<Explainer> methods(String list, List<Explainer> choices) {
        if (list.strip().equals("all")) {
            if (choices.isEmpty()) {
                throw new NeuroLensException("no attribution methods are installed; nothing to evaluate");
            }
            return choices;
        }
        List<Explainer> chosen = new ArrayList<>();
        for (String id : new LinkedHashSet<>(Arrays.asList(list.split(",")))) {
            String t = id.strip();
            Explainer e = choices.stream().filter(x -> x.id().equals(t)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown method '" + t + "'; valid: " + (choices.isEmpty()
                            ? "none installed" : choices.stream().map(Explainer::id).collect(Collectors.joining(", ")))
                            + " (or 'all')"));
            chosen.add(e);
        }
        return chosen;
    }

    private static long seed(Optional<String> text) {
        try {
            return text.map(t -> Long.parseLong(t.strip())).orElse(DEFAULT_SEED);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got '" + text.get() + "'");
        }
    }
}
