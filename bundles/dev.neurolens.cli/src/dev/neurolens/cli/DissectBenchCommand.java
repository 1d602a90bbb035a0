package dev.neurolens.cli;

import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.SceneGenerator;
import dev.neurolens.dissect.Dissection;
import dev.neurolens.dissect.DissectionSettings;
import dev.neurolens.dissect.Dissector;
import dev.neurolens.dissect.ForwardPass;
import dev.neurolens.dissect.ImageSource;
import dev.neurolens.dissect.compose.CompositionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code neurolens bench-dissect}: the cost of Network Dissection against a plain forward pass
 * over the same images, measured in one run, with the peak resident memory.
 */
final class DissectBenchCommand implements Command {
    private static final String DEFAULT_MODEL = "shapes_vgg.onnx";
    private static final String DEFAULT_LAYER = "/features/features.16/Relu";

    @Override
    public String name() {
        return "bench-dissect";
    }

    @Override
    public String summary() {
        return "time Network Dissection against a forward pass over the same images";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens bench-dissect [--model MODEL --layer LAYER] [--images N] [--dataset DIR]
                                               [--compositional] [--top K] [--batch N] [--memory MIB]
                                               [--json] [--out DIR]

                Measures, in one run on the same images: a plain forward pass (the model's logits,
                images decoded and preprocessed the same way), then a full dissection (both passes:
                quantiles, then the tally). Prints images per second of each, their ratio, the
                dissection's phases and the process's peak resident memory (VmHWM; ONNX Runtime
                allocates outside the Java heap). A command, not a test: nothing is asserted.

                Options:
                  --model MODEL     default: <home>/models/shapes_vgg.onnx (with --layer
                                    /features/features.16/Relu, its last conv layer, 128x8x8)
                  --layer LAYER     the layer to dissect (required with --model)
                  --images N        generated 64x64 scenes (default 10000; the shape models' test
                                    settings, seed 2), written to a temporary folder and deleted after
                  --dataset DIR     a Broden dataset instead of generated scenes
                  --compositional   include the formula search
                  --top K           exemplars per unit (default 0)
                  --batch N         images per engine call (default 64)
                  --memory MIB      the dissection's memory budget (default a third of the heap)
                  --json            print the numbers as JSON
                  --out DIR         also write them to DIR/bench-dissect.json
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "layer", "images", "dataset", "top", "batch", "memory",
                "out"), Set.of("compositional", "json"));
        if (args.value("model").isPresent() != args.value("layer").isPresent()) {
            throw new UsageException("give --model and --layer together (or neither, for the default)");
        }
        Path modelPath = args.value("model").map(Session::path)
                .orElse(session.home().resolve("models").resolve(DEFAULT_MODEL));
        String layer = args.value("layer").orElse(DEFAULT_LAYER);
        int count = args.integer("images", 10_000, 1, 10_000_000);
        int batch = args.integer("batch", 64, 1, 100_000);
        DissectionSettings settings = DissectionSettings.defaults().withBatch(batch)
                .withTop(args.integer("top", 0, 0, 1000), false);
        if (args.flag("compositional")) {
            settings = settings.withComposition(CompositionSettings.DEFAULTS);
        }
        if (args.value("memory").isPresent()) {
            settings = settings.withMemoryBudget((long) args.integer("memory", 0, 1, 1 << 20) << 20);
        }
        ConsoleProgress progress = session.progress();
        Path temp = null;
        Map<String, Object> report = new LinkedHashMap<>();
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(progress)) {
            BrodenDataset dataset;
            if (args.value("dataset").isPresent()) {
                dataset = BrodenDataset.open(Session.path(args.value("dataset").get()));
            } else {
                temp = Files.createTempDirectory("neurolens-bench-dissect");
                GeneratorConfig config = GeneratorConfig.builder().seed(2).count(count).size(64, 64).objects(1, 1)
                        .objectSize(0.18, 0.32).texturedProbability(0, 0.5).build();
                long t0 = System.nanoTime();
                try {
                    dataset = BrodenDataset.open(new SceneGenerator(config).generate(temp.resolve("scenes"), progress));
                } finally {
                    progress.done();
                }
                report.put("generate_seconds", (System.nanoTime() - t0) / 1e9);
            }
            try (LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
                ImageSource images = ImageSource.of(dataset);
                warmUp(model, dataset, batch);
                ForwardPass.Timing forward;
                try {
                    forward = ForwardPass.run(model, images, batch, progress);
                } finally {
                    progress.done();
                }
                long t0 = System.nanoTime();
                Dissection d;
                try {
                    d = new Dissector(settings).dissect(model, layer, dataset, progress);
                } finally {
                    progress.done();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                report.put("model", modelPath.toString());
                report.put("layer", layer);
                report.put("layer_shape", List.of(d.units().size(), d.mapHeight(), d.mapWidth()));
                report.put("images", dataset.size());
                report.put("threads", settings.threads());
                report.put("forward_seconds", forward.seconds());
                report.put("forward_images_per_second", forward.imagesPerSecond());
                report.put("forward_engine_seconds", forward.engineSeconds());
                report.put("dissection_seconds", seconds);
                report.put("dissection_images_per_second", dataset.size() / seconds);
                report.put("ratio", seconds / forward.seconds());
                report.put("dissection_phases", new LinkedHashMap<>(d.timings()));
                report.put("detectors", d.summary().detectors());
                report.put("peak_rss_mib", BenchCommand.peakRssMib());
            }
        } finally {
            if (temp != null) {
                DissectionDemo.delete(temp);
            }
        }
        if (args.value("out").isPresent()) {
            Json.writeFile(report, Session.path(args.value("out").get()).resolve("bench-dissect.json"));
        }
        if (args.flag("json")) {
            session.out().println(Json.write(report));
        } else {
            print(session, report);
        }
        return 0;
    }

    /** A few batches first, so that the engine session and the decoder are warm for both timings. */
    private static void warmUp(LoadedModel model, BrodenDataset dataset, int batch) {
        int n = Math.min(dataset.size(), 2 * batch);
        ForwardPass.run(model, new Prefix(ImageSource.of(dataset), n), batch, Progress.NONE);
    }

    @SuppressWarnings("unchecked")
    private static void print(Session session, Map<String, Object> r) {
        var out = session.out();
        out.printf(Locale.ROOT, "Model %s, layer %s %s, %d images, %d threads%n", r.get("model"), r.get("layer"),
                r.get("layer_shape"), (Integer) r.get("images"), (Integer) r.get("threads"));
        out.printf(Locale.ROOT, "  forward pass      %8.1f s  %8.0f images/s  (engine %.1f s)%n",
                (Double) r.get("forward_seconds"), (Double) r.get("forward_images_per_second"),
                (Double) r.get("forward_engine_seconds"));
        out.printf(Locale.ROOT, "  dissection       %8.1f s  %8.0f images/s  = %.2f x forward%n",
                (Double) r.get("dissection_seconds"), (Double) r.get("dissection_images_per_second"),
                (Double) r.get("ratio"));
        Map<String, Double> p = (Map<String, Double>) r.get("dissection_phases");
        out.printf(Locale.ROOT, "    phases: forward %.1f s, decode %.1f s (overlapped), tally %.1f s, compose %.1f s,"
                + " exemplars %.1f s; activations %s%n", p.get("forward"), p.get("load"), p.get("tally"),
                p.get("compose"), p.get("exemplars"), p.get("cached") > 0 ? "cached" : "recomputed");
        out.printf(Locale.ROOT, "  peak RSS          %8.0f MiB%n", (Double) r.get("peak_rss_mib"));
    }

    /** The first {@code n} images of a source. */
    private record Prefix(ImageSource source, int n) implements ImageSource {
        @Override
        public int size() {
            return n;
        }

        @Override
        public String name(int index) {
            return source.name(index);
        }

        @Override
        public java.awt.image.BufferedImage read(int index) {
            return source.read(index);
        }
    }
}
