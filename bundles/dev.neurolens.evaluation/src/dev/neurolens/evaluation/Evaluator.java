package dev.neurolens.evaluation;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.OnnxModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Evaluates attribution methods on one model and a set of samples: localization (pointing game,
 * energy in the mask, against the centre baseline), faithfulness (deletion and insertion AUC, the
 * completeness delta where a method reports one) and the model-parameter randomization checks of
 * Adebayo et al. (cascading from the logits down, and one layer at a time). Each randomized model
 * is opened once and every method runs on it.
 */
public final class Evaluator {
    /** How many samples' maps a report keeps for pictures. */
    public static final int EXAMPLES = 4;

    private final ModelOpener opener;
    private final EvaluationSettings settings;

    /** An evaluator that opens randomized models with {@code opener}. */
    public Evaluator(ModelOpener opener, EvaluationSettings settings) {
        this.opener = opener;
        this.settings = settings;
    }

    /** Evaluates {@code methods} on {@code model}, every method also in the randomization checks. */
    public ModelReport evaluate(LoadedModel model, Path modelFile, List<Explainer> methods,
            List<EvaluationSample> samples, Progress monitor) {
        return evaluate(model, modelFile, methods, methods, samples, monitor);
    }

    /**
     * Evaluates {@code methods} on {@code model} (opened from {@code modelFile}).
     *
     * @param randomized the methods (of {@code methods}) that also go through the randomization
     *     checks: each randomized model costs every one of them a full run on the randomization images
     *
     * @param monitor begun with one unit per method and per randomized model; methods and the
     *     engine only poll it for cancellation
     * @throws NeuroLensException if there are no samples or the model cannot be randomized
     * @throws CancelledException if cancelled
     */
    public ModelReport evaluate(LoadedModel model, Path modelFile, List<Explainer> methods,
            List<Explainer> randomized, List<EvaluationSample> samples, Progress monitor) {
        if (samples.isEmpty()) {
            throw new NeuroLensException("no images to evaluate " + modelFile.getFileName() + " on");
        }
        ParameterRandomizer randomizer = new ParameterRandomizer(OnnxModelReader.read(modelFile),
                modelFile.toString());
        int layers = randomizer.layers().size();
        int r = Math.min(settings.randomizationImages(), samples.size());
        monitor.begin("Evaluating " + modelFile.getFileName(),
                methods.size() + (r > 0 && !randomized.isEmpty() ? (settings.independent() ? 2L : 1L) * layers : 0));
        Progress progress = monitor.cancellationOnly();
        Preprocessing pre = model.info().preprocessing();
        Tensor centre = CentreBaseline.map(pre.height(), pre.width());
        double centrePointing = mean(samples.size(), i -> hit(centre, samples.get(i)));
        double centreEnergy = mean(samples.size(), i -> EnergyInMask.of(centre, samples.get(i).mask()));
        List<MethodReport> reports = new ArrayList<>();
        Map<String, MethodRun> originals = new LinkedHashMap<>();
        ClassScorer scorer = ClassScorer.softmax(model, progress);
        for (Explainer method : methods) {
            monitor.subTask(method.displayName());
            try {
                MethodRun run = MethodRun.of(method, model, samples, Map.of(), progress);
                originals.put(method.id(), run);
                reports.add(localizationAndFaithfulness(method, run, samples, scorer, pre));
            } catch (NeuroLensException e) {
                reports.add(MethodReport.failed(method.id(), method.displayName(), e.getMessage()));
            }
            monitor.worked(1);
        }
        Map<String, List<LayerStep>> cascading = new LinkedHashMap<>();
        Map<String, List<LayerStep>> independent = new LinkedHashMap<>();
        if (r > 0 && randomized.stream().anyMatch(m -> originals.containsKey(m.id()))) {
            List<Explainer> working = randomized.stream().filter(m -> originals.containsKey(m.id())).toList();
            List<EvaluationSample> subset = samples.subList(0, r);
            List<ParametrizedLayer> topDown = new ArrayList<>(randomizer.layers());
            Collections.reverse(topDown);
            for (int k = 1; k <= topDown.size(); k++) {
                monitor.subTask("cascading randomization down to " + topDown.get(k - 1).name());
                randomized(randomizer, topDown.subList(0, k), topDown.get(k - 1), working, subset, originals, pre,
                        cascading, progress);
                monitor.worked(1);
            }
            if (settings.independent()) {
                for (ParametrizedLayer layer : topDown) {
                    monitor.subTask("independent randomization of " + layer.name());
                    randomized(randomizer, List.of(layer), layer, working, subset, originals, pre, independent,
                            progress);
                    monitor.worked(1);
                }
            }
        }
        List<MethodReport> finished = reports.stream().map(m -> m.withRandomization(
                cascading.getOrDefault(m.id(), List.of()), independent.getOrDefault(m.id(), List.of()),
                centrePointing)).toList();
        return new ModelReport(modelFile, samples.size(), r, centrePointing, centreEnergy, randomizer.layers(),
                finished, samples.subList(0, Math.min(EXAMPLES, samples.size())));
    }

    private void randomized(ParameterRandomizer randomizer, List<ParametrizedLayer> chosen, ParametrizedLayer step,
            List<Explainer> methods, List<EvaluationSample> subset, Map<String, MethodRun> originals,
            Preprocessing pre, Map<String, List<LayerStep>> into, Progress progress) {
        progress.checkCancelled();
        try (RandomizedModel random = RandomizedModel.open(randomizer.randomize(chosen, settings.seed()), pre,
                opener)) {
            for (Explainer method : methods) {
                List<Tensor> before = originals.get(method.id()).pixelMaps().subList(0, subset.size());
                Similarity similarity;
                try {
                    List<Tensor> after = MethodRun.of(method, random.model(), subset, Map.of(), progress).pixelMaps();
                    similarity = Similarity.of(before, after);
                } catch (NeuroLensException e) {
                    // e.g. a randomized model whose activations overflow: no maps, no similarity (null in JSON)
                    similarity = new Similarity(Double.NaN, Double.NaN);
                }
                into.computeIfAbsent(method.id(), k -> new ArrayList<>()).add(new LayerStep(step.name(), similarity));
            }
        }
    }

    private MethodReport localizationAndFaithfulness(Explainer method, MethodRun run, List<EvaluationSample> samples,
            ClassScorer scorer, Preprocessing pre) {
        int n = samples.size();
        List<Tensor> maps = run.pixelMaps();
        double pointing = mean(n, i -> hit(maps.get(i), samples.get(i)));
        double energy = mean(n, i -> EnergyInMask.of(maps.get(i), samples.get(i).mask()));
        PerturbationCurves curves = new PerturbationCurves(settings.curveSteps(), settings.fill(), settings.batch(),
                pre.layout());
        List<Tensor> inputs = samples.stream().map(EvaluationSample::input).toList();
        int[] targets = samples.stream().mapToInt(EvaluationSample::target).toArray();
        double[][] deletion = curves.curves(PerturbationCurves.Kind.DELETION, inputs, maps, targets, scorer);
        double[][] insertion = curves.curves(PerturbationCurves.Kind.INSERTION, inputs, maps, targets, scorer);
        return new MethodReport(method.id(), method.displayName(), n, pointing, energy,
                Arrays.stream(PerturbationCurves.areas(deletion)).average().orElse(Double.NaN),
                Arrays.stream(PerturbationCurves.areas(insertion)).average().orElse(Double.NaN), meanCurve(deletion),
                meanCurve(insertion), finiteMean(run.completenessDelta(), true),
                finiteMean(run.relativeCompleteness(), false), List.of(), List.of(), Map.of(),
                maps.subList(0, Math.min(EXAMPLES, n)), Optional.empty());
    }

    private double hit(Tensor map, EvaluationSample s) {
        return PointingGame.hit(map, s.mask(), settings.pointingTolerance()) ? 1 : 0;
    }

    private static double mean(int n, IntToDoubleFunction f) {
        return IntStream.range(0, n).mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double[] meanCurve(double[][] curves) {
        double[] m = new double[curves[0].length];
        for (double[] c : curves) {
            for (int k = 0; k < m.length; k++) {
                m[k] += c[k] / curves.length;
            }
        }
        return m;
    }

    /** The mean of the finite values (of their absolute values if {@code abs}), or empty if there is none. */
    private static OptionalDouble finiteMean(double[] values, boolean abs) {
        return Arrays.stream(values).filter(Double::isFinite).map(v -> abs ? Math.abs(v) : v).average();
    }
}
