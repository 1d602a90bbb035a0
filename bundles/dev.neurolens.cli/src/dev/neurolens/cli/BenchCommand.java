package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code neurolens bench}: the cost of each explanation method as a multiple of a plain forward
 * pass of the same batch, measured in one run (each method run paired with a forward pass just
 * before it, medians after warm-up), so that the ratios hold on a noisy shared machine; plus Integrated Gradients' peak memory and completeness error per rule.
 */
final class BenchCommand implements Command {
    private static final List<String> IG_RULES = List.of("riemann-left", "riemann-right", "riemann-middle",
            "trapezoid", "gauss-legendre");
    private static final int[] IG_STEP_SWEEP = {2, 4, 8, 16, 32, 64, 128};

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure each method's time as a multiple of a forward pass (and IG memory, completeness)";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens bench [--model MODEL] [--image IMAGE] [--runs N] [--methods ID,ID...]
                                       [--ig-steps N] [--threads N] [--json] [--out DIR]

                Times one plain forward pass of a batch of 1, and each installed attribution
                method on the same image with its default parameters; prints medians of N runs
                after warm-up and each method's ratio to the forward pass (the median of the
                ratios of runs paired with a forward pass just before). Integrated Gradients is
                also compared with a forward pass of a batch of --ig-steps images (its own batch),
                its peak resident memory is measured at 64 and 1,000 steps, and its completeness
                error |sum(attr) - (f(x) - f(x'))| / |f(x) - f(x')| is tabled per rule and step count.

                Options:
                  --model MODEL     default: the bundled resnet20_cifar10.onnx
                  --image IMAGE     default: the bundled chelsea.png
                  --runs N          timed runs per measurement (default 20)
                  --methods IDS     which methods (default: every attribution method installed)
                  --ig-steps N      IG steps for the timing (default 64)
                  --threads N       engine threads (default 2, the CI machines' cores)
                  --json            print JSON instead of tables
                  --out DIR         also write DIR/bench.json
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "image", "runs", "methods", "ig-steps", "threads", "out"),
                Set.of("json"));
        Path modelPath = args.value("model").map(Session::path)
                .orElse(session.home().resolve("models").resolve("resnet20_cifar10.onnx"));
        Path image = args.value("image").map(Session::path).orElse(session.home().resolve("images").resolve("chelsea.png"));
        int runs = args.integer("runs", 20, 1, 10_000);
        int igSteps = args.integer("ig-steps", 64, 1, 100_000);
        int threads = args.integer("threads", 2, 1, 256);
        List<Explainer> methods = selected(args.value("methods"), session);
        ConsoleProgress progress = session.progress();
        Map<String, Object> report = new LinkedHashMap<>();
        try (LoadedModel model = session.open(modelPath, ModelOptions.defaults().withThreads(threads))) {
            Tensor x = Inputs.fromImages(List.of(image), model.info().preprocessing()).batch();
            progress.begin("bench", methods.size() + 3L);
            double forward1 = median(runs, () -> model.predict(x));
            Tensor big = repeat(x, igSteps);
            double forwardIg = median(Math.max(3, runs / 4), () -> model.predict(big));
            progress.worked(1);
            report.put("model", modelPath.toString());
            report.put("threads", threads);
            report.put("runs", runs);
            report.put("forward_batch1_ms", forward1);
            report.put("forward_batch" + igSteps + "_ms", forwardIg);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Explainer m : methods) {
                progress.subTask(m.displayName());
                Map<String, String> params = m.id().equals("integrated-gradients")
                        ? Map.of("steps", Integer.toString(igSteps)) : Map.of();
                ExplanationRequest request = new ExplanationRequest(x, List.of("bench"), Target.PREDICTED,
                        Optional.empty(), params);
                int n = m.id().equals("occlusion") || m.id().startsWith("smoothgrad") ? Math.max(3, runs / 4) : runs;
                Object[] last = new Object[1];
                boolean ig = m.id().equals("integrated-gradients");
                Paired p = paired(n, ig ? () -> model.predict(big) : () -> model.predict(x),
                        () -> last[0] = m.explain(model, request, Progress.NONE));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", m.id());
                row.put("ms", p.callMs());
                if (last[0] instanceof dev.neurolens.core.explain.Explanation e) {
                    row.put("phases_ms_last_run", e.timingsMillis());
                }
                row.put("ratio_to_forward_batch1", ig ? p.callMs() / forward1 : p.ratio());
                if (ig) {
                    row.put("ratio_to_forward_batch" + igSteps, p.ratio());
                    row.put("forward_batch" + igSteps + "_in_pairs_ms", p.referenceMs());
                } else {
                    // the forward runs that the ratio divides by: slower than the standalone median,
                    // since each follows a method run (cold caches, sleeping pool threads)
                    row.put("forward_batch1_in_pairs_ms", p.referenceMs());
                }
                rows.add(row);
                progress.worked(1);
            }
            report.put("methods", rows);
            Optional<Explainer> ig = methods.stream().filter(m -> m.id().equals("integrated-gradients")).findFirst();
            if (ig.isPresent()) {
                progress.subTask("IG memory and completeness");
                report.put("ig_peak_rss_mib", memory(ig.get(), model, x));
                report.put("ig_completeness", completeness(ig.get(), model, x));
            }
            progress.worked(2);
        } finally {
            progress.done();
        }
        if (args.flag("json")) {
            session.out().println(Json.write(report));
        } else {
            print(report, session.out(), igSteps);
        }
        if (args.value("out").isPresent()) {
            Json.writeFile(report, Session.path(args.value("out").get()).resolve("bench.json"));
        }
        return 0;
    }

    private static List<Explainer> selected(Optional<String> ids, Session session) {
        if (ids.isPresent()) {
            return Arrays.stream(ids.get().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(session::explainer).toList();
        }
        List<Explainer> all = session.explainers().stream().filter(e -> e.kind() == ExplanationKind.ATTRIBUTION_MAP)
                .toList();
        if (all.isEmpty()) {
            throw new NeuroLensException("no attribution methods are installed; nothing to measure");
        }
        return all;
    }

    /**
     * Times of a reference call and a measured call, taken in alternation.
     *
     * @param referenceMs median time of the reference (the plain forward pass)
     * @param callMs median time of the measured call
     * @param ratio median of the ratios of each measured call to the reference call just before it
     */
    record Paired(double referenceMs, double callMs, double ratio) {
    }

    /**
     * Runs {@code reference} and {@code call} alternately {@code runs} times after warm-up. The
     * ratio is the median of the per-pair ratios, so load that drifts on a shared machine (a build
     * starting next door) slows both sides of a pair alike instead of skewing one median.
     */
    static Paired paired(int runs, Supplier<?> reference, Supplier<?> call) {
        for (int i = 0; i < 3; i++) {
            reference.get();
            call.get();
        }
        double[] ref = new double[runs];
        double[] t = new double[runs];
        double[] ratio = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            reference.get();
            long mid = System.nanoTime();
            call.get();
            long end = System.nanoTime();
            ref[i] = (mid - start) / 1e6;
            t[i] = (end - mid) / 1e6;
            ratio[i] = t[i] / ref[i];
        }
        return new Paired(median(ref), median(t), median(ratio));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Median wall time in milliseconds of {@code runs} calls, after three warm-up calls. */
    static double median(int runs, Supplier<?> call) {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.get();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(t);
    }

    private static Tensor repeat(Tensor x, int n) {
        List<Tensor> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(x.slice(0));
        }
        return Tensor.stack(items);
    }

    /**
     * Peak resident memory (VmHWM: ONNX Runtime allocates outside the Java heap) after IG with 64
     * steps, then after IG with 1,000 steps; a chunked implementation keeps the second equal.
     */
    private static Map<String, Object> memory(Explainer ig, LoadedModel model, Tensor x) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int steps : new int[] {64, 1000}) {
            ig.explain(model, new ExplanationRequest(x, List.of("bench"), Target.PREDICTED, Optional.empty(),
                    Map.of("steps", Integer.toString(steps))), Progress.NONE);
            m.put("after_" + steps + "_steps", peakRssMib());
        }
        return m;
    }

    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: memory is not reported
        }
        return Double.NaN;
    }

    /** Relative completeness error by rule and step count. */
    private static Map<String, Object> completeness(Explainer ig, LoadedModel model, Tensor x) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (String rule : IG_RULES) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int steps : IG_STEP_SWEEP) {
                AttributionResult r = (AttributionResult) ig.explain(model, new ExplanationRequest(x, List.of("bench"),
                        Target.PREDICTED, Optional.empty(), Map.of("steps", Integer.toString(steps), "rule", rule)),
                        Progress.NONE);
                AttributionMap map = r.maps().get(0);
                double sum = 0;
                for (int i = 0; i < map.map().size(); i++) {
                    sum += map.map().get(i);
                }
                double delta = map.completenessDelta().orElse(Double.NaN);
                double gap = sum - delta; // = f(x) - f(baseline)
                row.put(Integer.toString(steps), Math.abs(delta) / Math.max(1e-12, Math.abs(gap)));
            }
            table.put(rule, row);
        }
        return table;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> r, PrintStream out, int igSteps) {
        out.printf("Model %s, %s threads, median of %s runs%n", r.get("model"), r.get("threads"), r.get("runs"));
        out.printf("  forward, batch 1            %9.2f ms%n", (Double) r.get("forward_batch1_ms"));
        out.printf("  forward, batch %-4d         %9.2f ms%n", igSteps, (Double) r.get("forward_batch" + igSteps + "_ms"));
        out.printf("%n  %-22s %10s %12s%n", "method (batch 1)", "ms", "x forward");
        for (Map<String, Object> row : (List<Map<String, Object>>) r.get("methods")) {
            out.printf("  %-22s %10.2f %12.2f", row.get("method"), (Double) row.get("ms"),
                    (Double) row.get("ratio_to_forward_batch1"));
            Object pairedForward = row.get("forward_batch1_in_pairs_ms");
            if (pairedForward != null) {
                out.printf("   (forward %.2f ms in the pairs)", (Double) pairedForward);
            }
            Object phases = row.get("phases_ms_last_run");
            if (phases != null) {
                out.print("   " + phases);
            }
            Object big = row.get("ratio_to_forward_batch" + igSteps);
            if (big != null) {
                out.printf("   (%.2f x forward of batch %d; that forward %.2f ms in the pairs)", (Double) big, igSteps,
                        (Double) row.get("forward_batch" + igSteps + "_in_pairs_ms"));
            }
            out.println();
        }
        if (r.containsKey("ig_peak_rss_mib")) {
            Map<String, Object> mem = (Map<String, Object>) r.get("ig_peak_rss_mib");
            out.printf("%n  IG peak RSS: %.0f MiB after 64 steps, %.0f MiB after 1,000 steps%n",
                    (Double) mem.get("after_64_steps"), (Double) mem.get("after_1000_steps"));
            out.printf("%n  IG completeness error |delta| / |f(x)-f(x')| by steps:%n  %-16s", "rule");
            for (int s : IG_STEP_SWEEP) {
                out.printf(" %9d", s);
            }
            out.println();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) r.get("ig_completeness")).entrySet()) {
                out.printf("  %-16s", e.getKey());
                for (Object v : ((Map<String, Object>) e.getValue()).values()) {
                    out.printf(" %9.2e", (Double) v);
                }
                out.println();
            }
        }
    }
}
