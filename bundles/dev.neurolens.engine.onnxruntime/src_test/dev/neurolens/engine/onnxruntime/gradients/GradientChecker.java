package dev.neurolens.engine.onnxruntime.gradients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.FiniteDifferences;
import dev.neurolens.graph.reference.GradientEstimate;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the gradients the engine computes for a {@link GradientCase} against float64 finite
 * differences of the {@link ReferenceEvaluator}: the model is written to a file, opened through
 * the engine's adapter, its {@link GraphRunner} compiles {@code ExplanationPlan.gradient(output,
 * wrt)} and runs it with a random seed; the reference differentiates {@code ⟨seed, output(x)⟩}.
 *
 * <p>Tolerance {@value #TOLERANCE} on {@code ‖g − g_fd‖∞ / ‖g_fd‖∞}: the engine computes in float32
 * (ε = 6e-8): a backward op that sums K products is off by at most about K·ε relative to the
 * magnitudes involved, i.e. ≤ 1e-5 for the K ≤ 150 of these small models, plus a few ε for each
 * op on the path; the float64 finite differences are off by about 1e-10 (see
 * {@link FiniteDifferences}). Measured errors are below 3e-7, so {@value #TOLERANCE} leaves a
 * margin of 300 while a wrong rule (a missed pad, a swapped transpose, an off-by-one window) shows
 * as an error of order one.
 */
final class GradientChecker implements AutoCloseable {
    /** Largest accepted {@code ‖g − g_fd‖∞ / ‖g_fd‖∞}. */
    static final double TOLERANCE = 1e-4;
    /** Elements whose finite difference has an asymmetry above this times ‖g_fd‖∞ lie near a kink and are skipped. */
    static final double KINK_THRESHOLD = 1e-4;
    /** Largest accepted difference of the forward output, relative to its ∞-norm. */
    static final double FORWARD_TOLERANCE = 1e-5;
    /** At most this fraction of the elements may be skipped, so that no check passes vacuously. */
    static final double MAX_SKIPPED = 0.1;

    private final EngineServices engine;
    private final Path dir;
    private final ErrorTable table;
    private final ReferenceEvaluator reference = new ReferenceEvaluator();

    private GradientChecker(EngineServices engine, Path dir, ErrorTable table) {
        this.engine = engine;
        this.dir = dir;
        this.table = table;
    }

    static GradientChecker start(String title, Path dir) throws Exception {
        return new GradientChecker(EngineServices.start(), dir, new ErrorTable(title));
    }

    /** Runs the case and asserts that every gradient and the forward output agree. */
    void check(GradientCase c) {
        String line = c.name();
        double worst = Double.NaN;
        try {
            Outcome o = run(c);
            worst = o.comparisons().stream().mapToDouble(Comparison::relativeError).max().orElse(0);
            line += String.format(": forward %.1e; ", o.forwardError())
                    + o.comparisons().stream().map(Comparison::describe).collect(Collectors.joining("; "));
            assertTrue(o.forwardError() <= FORWARD_TOLERANCE, c.name() + ": forward output differs by "
                    + o.forwardError());
            for (Comparison k : o.comparisons()) {
                assertTrue(k.relativeError() <= TOLERANCE, c.name() + ": " + k.describe());
                assertTrue(k.skipped() <= MAX_SKIPPED * k.total(), c.name() + ": too many elements near kinks: "
                        + k.describe());
            }
            if (c.placedNearKinks()) {
                assertTrue(o.comparisons().get(0).skipped() > 0, c.name() + ": inputs at kinks were not detected: "
                        + o.comparisons().get(0).describe());
            }
        } catch (RuntimeException | AssertionError e) {
            line += " FAILED: " + e.getMessage();
            throw e;
        } finally {
            table.add(c.op(), line, worst);
        }
    }

    /** The forward error and one comparison per tensor of {@code wrt}. */
    record Outcome(double forwardError, List<Comparison> comparisons) {
    }

    Outcome run(GradientCase c) {
        Path file = write(c);
        DoubleTensor x = DoubleTensor.ofFloats(c.x(), c.shape());
        Map<String, DoubleTensor> point = Map.of(GradientCase.INPUT, x);
        Map<String, DoubleTensor> forward = reference.evaluate(c.model(), point);
        DoubleTensor out = forward.get(c.output());
        float[] seedValues = new RandomWeights(c.seedSeed()).uniform(out.size(), -1, 1);
        DoubleTensor seed = DoubleTensor.ofFloats(seedValues, out.shape());
        Map<String, Tensor> result;
        CompiledGraph graph;
        try (LoadedModel model = engine.open(file)) {
            GraphRunner runner = model.capability(GraphRunner.class)
                    .orElseThrow(() -> new AssertionError("the engine offers no GraphRunner"));
            graph = runner.compile(ExplanationPlan.gradient(c.output(), c.wrt()));
            result = runner.run(graph, Tensor.of(c.x(), c.shape()), Tensor.of(seedValues, out.shape()), Progress.NONE);
        }
        double forwardError = relative(result.get(graph.output()), out);
        List<Comparison> comparisons = new ArrayList<>();
        for (String w : c.wrt()) {
            FiniteDifferences fd = new FiniteDifferences(
                    FiniteDifferences.seededOutput(reference, c.model(), point, w, c.output(), seed));
            GradientEstimate estimate = fd.gradient(forward.get(w));
            comparisons.add(Comparison.of(w, result.get(graph.gradients().get(w)), estimate, KINK_THRESHOLD));
        }
        return new Outcome(forwardError, comparisons);
    }

    /** {@code ‖a − b‖∞ / max(‖b‖∞, tiny)}. */
    static double relative(Tensor engine, DoubleTensor ref) {
        if (!java.util.Arrays.equals(engine.shape(), ref.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < ref.size(); i++) {
            worst = Math.max(worst, Math.abs(engine.get(i) - ref.get(i)));
        }
        return worst / Math.max(ref.maxAbs(), Comparison.TINY);
    }

    Path write(GradientCase c) {
        try {
            return Files.write(dir.resolve(c.fileName()), c.model().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EngineServices engine() {
        return engine;
    }

    @Override
    public void close() {
        table.print();
        engine.close();
    }
}
