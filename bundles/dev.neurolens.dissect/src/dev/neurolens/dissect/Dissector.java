package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.IndexEntry;
import dev.neurolens.dissect.compose.BeamSearch;
import dev.neurolens.dissect.compose.ScoredFormula;
import dev.neurolens.graph.GraphRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Network Dissection of one layer over a Broden-format dataset (Bau et al. 2017), with
 * compositional explanations (Mu and Andreas 2020) and top-k exemplars as options. See
 * {@code docs/dissection.md}.
 *
 * <ol>
 * <li>First pass: the layer's activations for every image (one engine call per batch); per-unit
 * quantiles, top activations, and a cache of the activations if it fits the memory budget.
 * <li>Second pass: per image, labels are read and each unit's map is upsampled and thresholded
 * sparsely ({@link BilinearMask}); the activated pixels are tallied against the labels
 * ({@link ConceptTally}) by several threads. Without the cache the forward pass is run again.
 * <li>Per unit, the best concept per category and overall; optionally the best formula
 * ({@link BeamSearch}) and the exemplars.
 * </ol>
 */
public final class Dissector {
    private final DissectionSettings settings;

    /** A dissector with these settings. */
    public Dissector(DissectionSettings settings) {
        this.settings = settings;
    }

    /**
     * Dissects {@code layer} of {@code model} over {@code dataset}.
     *
     * @throws NeuroLensException if the layer is unknown or not 4-D, a category is unknown, the
     *     dataset has no labels in the chosen categories, or a mask is missing or of the wrong size
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public Dissection dissect(LoadedModel model, String layer, BrodenDataset dataset, Progress progress) {
        long start = System.nanoTime();
        LayerActivations acts = LayerActivations.of(model, layer);
        ConceptSpace space = ConceptSpace.of(dataset, settings.categories());
        checkLabels(dataset, space, !settings.categories().isEmpty());
        if (dataset.size() == 0) {
            throw new NeuroLensException("the dataset " + dataset.directory() + " has no images");
        }
        ReceptiveField field = receptiveField(model, layer);
        int n = dataset.size();
        progress.begin("Dissecting " + layer, 2L * n);
        progress.subTask("activations and quantiles");
        ActivationStream stream = new ActivationStream(acts, ImageSource.of(dataset), settings.batch());
        FirstPass first = FirstPass.run(stream, acts, n, settings, progress);
        UnitThresholds thresholds = first.thresholds();
        int units = acts.units();
        int h = acts.height();
        int w = acts.width();
        double forward = stream.forwardSeconds();
        progress.subTask("tally");
        long t1 = System.nanoTime();
        TallyWorker tally = secondPass(dataset, space, thresholds, h, w, first.cache(), stream, progress);
        double tallySeconds = (System.nanoTime() - t1) / 1e9 - (stream.forwardSeconds() - forward);
        long t2 = System.nanoTime();
        ScoredFormula[] formulas = new ScoredFormula[units];
        if (settings.composition() != null) {
            progress.subTask("compositional explanations");
            BeamSearch search = new BeamSearch(tally.signatures(), space.size(), settings.composition());
            parallel(units, k -> formulas[k] = search.best(tally.unitSignatures(k)), progress);
        }
        long t3 = System.nanoTime();
        List<ExemplarSet> exemplars = settings.top() > 0
                ? exemplars(dataset, first, acts, stream, thresholds, field, model, progress) : null;
        long t4 = System.nanoTime();
        List<UnitDissection> results = new ArrayList<>();
        for (int k = 0; k < units; k++) {
            results.add(unit(tally.tally(), k, thresholds.of(k), formulas[k],
                    exemplars == null ? null : exemplars.get(k)));
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("load", stream.loadSeconds());
        timings.put("forward", stream.forwardSeconds());
        timings.put("tally", tallySeconds);
        timings.put("compose", (t3 - t2) / 1e9);
        timings.put("exemplars", (t4 - t3) / 1e9);
        timings.put("total", (System.nanoTime() - start) / 1e9);
        timings.put("cached", first.cache() != null ? 1.0 : 0.0);
        progress.done();
        return new Dissection(layer, h, w, n, settings, thresholds, results,
                DissectionSummary.of(results, space.categories()), tally.tally(), field, timings);
    }

    private UnitDissection unit(ConceptTally tally, int k, float threshold, ScoredFormula formula,
            ExemplarSet exemplars) {
        ConceptSpace space = tally.space();
        Map<String, ConceptScore> byCategory = new LinkedHashMap<>();
        ConceptScore best = null;
        for (int c = 0; c < space.categories().size(); c++) {
            ConceptScore top = null;
            for (int id = space.first(c); id < space.end(c); id++) {
                double iou = tally.iou(k, id);
                if (top == null || iou > top.iou()) {
                    top = ConceptScore.of(tally, k, id);
                }
            }
            if (top != null) {
                byCategory.put(space.categories().get(c), top);
                if (best == null || top.iou() > best.iou()) {
                    best = top;
                }
            }
        }
        if (best == null) {
            best = new ConceptScore(-1, "", "", 0);
        }
        return new UnitDissection(k, threshold, tally.unitPixels(k), best, byCategory,
                best.iou() > settings.iouThreshold(), formula, exemplars);
    }

    /** The tally over all images, from the cache or a second forward pass, on several threads. */
    private TallyWorker secondPass(BrodenDataset dataset, ConceptSpace space, UnitThresholds thresholds, int h, int w,
            float[][] cache, ActivationStream stream, Progress progress) {
        int threads = settings.threads();
        boolean compose = settings.composition() != null;
        TallyWorker[] workers = new TallyWorker[threads];
        Arrays.setAll(workers, i -> new TallyWorker(dataset, space, thresholds, h, w, settings.union(), compose));
        ExecutorService pool = Jobs.pool(threads, "neurolens-dissect-tally");
        try {
            int plane = thresholds.units() * h * w;
            if (cache != null) {
                int chunk = settings.batch();
                for (int from = 0; from < cache.length; from += chunk) {
                    int lo = from;
                    int hi = Math.min(cache.length, from + chunk);
                    run(pool, workers, lo, hi, i -> cache[i], i -> 0, progress);
                    progress.worked(hi - lo);
                }
            } else {
                stream.all((indices, n, data) -> run(pool, workers, 0, n, i -> data, i -> i * plane,
                        progress, indices), progress);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 1; i < threads; i++) {
            workers[0].merge(workers[i]);
        }
        return workers[0];
    }

    private static void run(ExecutorService pool, TallyWorker[] workers, int lo, int hi,
            IntFunction<float[]> data, IntUnaryOperator offset,
            Progress progress) {
        run(pool, workers, lo, hi, data, offset, progress, null);
    }

    /** Tallies items {@code lo..hi-1} (image {@code images[i]}, or {@code i} itself), split among the workers. */
    private static void run(ExecutorService pool, TallyWorker[] workers, int lo, int hi,
            IntFunction<float[]> data, IntUnaryOperator offset,
            Progress progress, int[] images) {
        progress.checkCancelled();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < workers.length; t++) {
            int first = lo + t;
            TallyWorker worker = workers[t];
            jobs.add(pool.submit(() -> {
                for (int i = first; i < hi; i += workers.length) {
                    worker.add(images == null ? i : images[i], data.apply(i), offset.applyAsInt(i));
                }
            }));
        }
        Jobs.awaitAll(jobs);
    }

    private void parallel(int count, IntConsumer body, Progress progress) {
        progress.checkCancelled();
        ExecutorService pool = Jobs.pool(settings.threads(), "neurolens-dissect-compose");
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int unit = k;
                jobs.add(pool.submit(() -> {
                    if (!progress.isCancelled()) {
                        body.accept(unit);
                    }
                }));
            }
            Jobs.awaitAll(jobs);
            progress.checkCancelled();
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ExemplarSet> exemplars(BrodenDataset dataset, FirstPass first, LayerActivations acts,
            ActivationStream stream, UnitThresholds thresholds, ReceptiveField field, LoadedModel model,
            Progress progress) {
        int[] units = IntStream.range(0, acts.units()).toArray();
        float[][] maps = first.cache() != null ? first.cache()
                : ExemplarFinder.maps(stream, ExemplarBuilder.images(units, first.top()), dataset.size(),
                        acts.units() * acts.height() * acts.width(), progress);
        var pre = model.info().preprocessing();
        return ExemplarBuilder.build(units, first.top(), thresholds, maps, acts.units(), acts.height(), acts.width(),
                field, pre.height(), pre.width(), i -> {
                    IndexEntry e = dataset.image(i);
                    return new int[] {e.maskHeight(), e.maskWidth()};
                }, i -> dataset.image(i).image(), settings.minimize());
    }

    /** The receptive field of the layer, or {@code null} where the engine offers no graph or it is unknown. */
    static ReceptiveField receptiveField(LoadedModel model, String layer) {
        return model.capability(GraphRunner.class).map(r -> {
            try {
                return ReceptiveField.of(r.model(), layer);
            } catch (NeuroLensException e) {
                return null;
            }
        }).orElse(null);
    }

    /** Checks that the chosen categories have labels somewhere in the dataset. */
    private static void checkLabels(BrodenDataset dataset, ConceptSpace space, boolean each) {
        List<String> empty = new ArrayList<>();
        for (String c : space.categories()) {
            boolean any = dataset.images().stream().anyMatch(e -> !e.cell(c).isEmpty());
            if (!any) {
                empty.add(c);
            }
        }
        if (empty.size() == space.categories().size() || each && !empty.isEmpty()) {
            throw new NeuroLensException("the dataset " + dataset.directory() + " has no masks or labels for "
                    + (empty.size() == 1 ? "category " : "categories ") + String.join(", ", empty)
                    + " in any row of index.csv; choose categories it has: " + String.join(", ",
                            dataset.categoryNames()));
        }
    }
}
