package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code neurolens bench-engines}: the same methods on the same network in several formats and
 * engines side by side (e.g. a SavedModel through the TensorFlow adapters and its ONNX export
 * through ONNX Runtime), median times measured in one run, with ratios to the first column.
 */
final class EngineBenchCommand implements Command {

    @Override
    public String name() {
        return "bench-engines";
    }

    @Override
    public String summary() {
        return "time the same methods on one network in several formats/engines, side by side";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens bench-engines --model MODEL --model MODEL2 [...] [--image IMAGE]
                                               [--methods ID,ID...] [--runs N] [--threads N] [--json] [--out DIR]

                Opens each model with every installed engine that accepts it (a SavedModel folder:
                'tensorflow' and 'tensorflow-native'; an .onnx file: 'onnxruntime'), preprocesses
                the image as each model's sidecar says, and times a forward pass and each method
                (medians of N runs after warm-up). Prints one column per model and engine, and each
                column's time as a multiple of the first column's.

                Options:
                  --model MODEL   a model file or SavedModel folder (repeat; at least two columns)
                  --image IMAGE   default: the bundled chelsea.png
                  --methods IDS   default: saliency,integrated-gradients,gradcam,guided-backprop,lrp
                  --runs N        timed runs per measurement (default 10)
                  --threads N     engine threads (default 2)
                  --json          print JSON instead of a table
                  --out DIR       also write DIR/bench-engines.json
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "image", "methods", "runs", "threads", "out"),
                Set.of("json"));
        List<Path> models = args.values("model").stream().map(Session::path).toList();
        if (models.isEmpty()) {
            throw new UsageException("bench-engines needs --model (at least once)");
        }
        Path image = args.value("image").map(Session::path).orElse(session.home().resolve("images").resolve("chelsea.png"));
        int runs = args.integer("runs", 10, 1, 10_000);
        int threads = args.integer("threads", 2, 1, 256);
        List<Explainer> methods = Arrays.stream(args.value("methods")
                .orElse("saliency,integrated-gradients,gradcam,guided-backprop,lrp").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(session::explainer).toList();
        List<Map<String, Object>> columns = new ArrayList<>();
        ConsoleProgress progress = session.progress();
        try {
            progress.begin("bench-engines", models.size());
            for (Path model : models) {
                List<ModelAdapter> engines = session.adapters().stream().filter(a -> a.accepts(model)).toList();
                if (engines.isEmpty()) {
                    throw new NeuroLensException(model + " is not a model any installed engine opens");
                }
                for (ModelAdapter engine : engines) {
                    progress.subTask(model.getFileName() + " on " + engine.id());
                    columns.add(column(model, engine, image, methods, runs, threads));
                }
                progress.worked(1);
            }
        } finally {
            progress.done();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", image.toString());
        report.put("threads", threads);
        report.put("runs", runs);
        report.put("columns", columns);
        if (args.flag("json")) {
            session.out().println(Json.write(report));
        } else {
            print(columns, methods, session);
        }
        if (args.value("out").isPresent()) {
            Json.writeFile(report, Session.path(args.value("out").get()).resolve("bench-engines.json"));
        }
        return 0;
    }

    private static Map<String, Object> column(Path model, ModelAdapter engine, Path image, List<Explainer> methods,
            int runs, int threads) {
        Map<String, Object> col = new LinkedHashMap<>();
        col.put("model", model.toString());
        col.put("engine", engine.id());
        Map<String, Object> ms = new LinkedHashMap<>();
        try (LoadedModel m = engine.open(model, ModelOptions.defaults().withThreads(threads))) {
            Tensor x = Inputs.fromImages(List.of(image), m.info().preprocessing()).batch();
            ms.put("forward", BenchCommand.median(runs, () -> m.predict(x)));
            for (Explainer e : methods) {
                ExplanationRequest request = new ExplanationRequest(x, List.of("bench"), Target.PREDICTED,
                        Optional.empty(), Map.of());
                try {
                    ms.put(e.id(), BenchCommand.median(runs, () -> e.explain(m, request, Progress.NONE)));
                } catch (NeuroLensException refused) {
                    ms.put(e.id(), Double.NaN);
                }
            }
        }
        col.put("ms", ms);
        return col;
    }

    @SuppressWarnings("unchecked")
    private static void print(List<Map<String, Object>> columns, List<Explainer> methods, Session session) {
        var out = session.out();
        out.printf("%-22s", "median ms");
        for (Map<String, Object> c : columns) {
            out.printf(" %26s", shorten(Path.of((String) c.get("model")).getFileName() + "/" + c.get("engine")));
        }
        out.println();
        List<String> rows = new ArrayList<>();
        rows.add("forward");
        methods.forEach(m -> rows.add(m.id()));
        for (String row : rows) {
            out.printf("%-22s", row);
            double first = (Double) ((Map<String, Object>) columns.get(0).get("ms")).get(row);
            for (Map<String, Object> c : columns) {
                double t = (Double) ((Map<String, Object>) c.get("ms")).get(row);
                out.printf(" %15.2f (x%7.2f)", t, t / first);
            }
            out.println();
        }
    }

    private static String shorten(String s) {
        return s.length() <= 26 ? s : "…" + s.substring(s.length() - 25);
    }
}
