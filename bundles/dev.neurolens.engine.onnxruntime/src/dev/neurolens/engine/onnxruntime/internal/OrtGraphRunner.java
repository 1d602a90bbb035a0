package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationCompiler;
import dev.neurolens.graph.compile.ExplanationPlan;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs explanation graphs on ONNX Runtime: compiles plans with the standard compiler (cached per
 * plan) and keeps a session per compiled graph, and per batch size for large batches
 * ({@link StaticBatch}; a few, least recently used first out). On a CPU with several threads a
 * large batch runs as parts side by side ({@link RowSplit}).
 */
final class OrtGraphRunner implements GraphRunner, AutoCloseable {
    private static final int CACHED_SESSIONS = 6;
    private static final int CACHED_PLANS = 32;

    private final ModelProto model;
    private final ModelInfo info;
    private final SessionFactory sessions;
    private final Map<String, long[]> shapes;
    private final ExplanationCompiler compiler = ExplanationCompiler.standard();
    private final Map<ExplanationPlan, CompiledGraph> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ExplanationPlan, CompiledGraph> eldest) {
            return size() > CACHED_PLANS;
        }
    };
    private final SessionCache cache;
    /** Keys of the graphs compiled by {@link #compile} (a few per method; never evicted). */
    private final Set<String> ownGraphs = new HashSet<>();

    OrtGraphRunner(ModelProto model, ModelInfo info, SessionFactory sessions) {
        this.model = model;
        this.info = info;
        this.sessions = sessions;
        this.shapes = shapes(info);
        // a graph split into parts holds a session per part
        this.cache = new SessionCache(CACHED_SESSIONS * Math.max(1, sessions.threads()));
    }

    @Override
    public ModelProto model() {
        return model;
    }

    @Override
    public Map<String, long[]> shapes() {
        Map<String, long[]> copy = new HashMap<>();
        shapes.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public synchronized CompiledGraph compile(ExplanationPlan plan) {
        CompiledGraph g = compiled.get(plan);
        if (g == null) {
            g = compiler.compile(model, shapes, plan);
            compiled.put(plan, g);
            ownGraphs.add(g.key());
        }
        return g;
    }

    /**
     * Whether {@code graph}'s rows may run in parts: it was compiled here from a plan on this model
     * (an image classifier treats its rows independently; summed gradients are added across parts).
     * A graph compiled elsewhere may couple its rows — feature visualization's objectives hold
     * per-image constants of the whole batch's size and a diversity term across images — and runs
     * whole.
     */
    private synchronized boolean splittable(CompiledGraph graph) {
        return ownGraphs.contains(graph.key());
    }

    @Override
    public Map<String, Tensor> run(CompiledGraph graph, Tensor batch, Tensor seed, Progress progress) {
        InputCheck.check(batch, info.imageInput());
        if (graph.seed() != null && (seed == null || seed.rank() < 1 || seed.dim(0) != batch.dim(0))) {
            throw new NeuroLensException("the seed's shape " + (seed == null ? "(none)" : seed.shapeString())
                    + " does not fit a batch of " + batch.dim(0));
        }
        Set<String> outputs = new LinkedHashSet<>();
        for (ValueInfoProto o : graph.model().getGraph().getOutputList()) {
            outputs.add(o.getName());
        }
        RowSplit split = splittable(graph) ? sessions.rowSplit(info.imageInput(), batch.dim(0))
                : RowSplit.whole(batch.dim(0));
        OrtSession[] parts = new OrtSession[split.parts()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = session(graph, split.rows(i), split.whole() ? -1 : i);
        }
        Set<String> summed = graph.summedOverBatch() ? Set.copyOf(graph.gradients().values()) : Set.of();
        return split.run(i -> runRows(graph, parts[i], batch, seed, split.start(i), split.rows(i), outputs, progress),
                sessions.partThreads(), summed);
    }

    /**
     * The session for a batch of {@code rows} rows: with the model's threads when the batch runs
     * whole ({@code part < 0}), else a single-threaded one of its own for each part — parts sharing
     * one session interleave their allocations in its memory arena, which then fragments and grows
     * (one process' peak resident memory +5–9 MiB from 64 to 1,000 IG steps, +1–2 MiB with a
     * session per part, as before parts).
     */
    private OrtSession session(CompiledGraph graph, int rows, int part) {
        synchronized (cache) {
            String key = graph.key() + "@" + rows + (part < 0 ? "" : "/part" + part);
            return cache.get(Set.of(key), k -> sessions.create(StaticBatch.of(graph.model(), rows), rows == 1,
                    part < 0 ? sessions.threads() : 1));
        }
    }

    private Map<String, Tensor> runRows(CompiledGraph graph, OrtSession session, Tensor batch, Tensor seed, int from,
            int rows, Set<String> outputs, Progress progress) {
        InputBuffers inputs = sessions.inputs();
        try (InputBuffers.Lease x = inputs.lease(sessions.environment(), batch, from, rows);
                InputBuffers.Lease s = graph.seed() == null ? null
                        : inputs.lease(sessions.environment(), seed, from, rows)) {
            Map<String, OnnxTensor> feeds = s == null ? Map.of(graph.input(), x.tensor())
                    : Map.of(graph.input(), x.tensor(), graph.seed(), s.tensor());
            return WatchedRun.run(session, feeds, outputs, progress, sessions.watchdog(), info.source().toString());
        } catch (OrtException e) {
            throw OrtErrors.running(info.source().toString(), e);
        }
    }

    @Override
    public void close() {
        cache.close();
    }

    /** Static shapes by tensor name, from the model's metadata ({@code -1} for symbolic axes). */
    private static Map<String, long[]> shapes(ModelInfo info) {
        Map<String, long[]> m = new HashMap<>();
        for (TensorInfo t : info.inputs()) {
            put(m, t);
        }
        for (LayerInfo l : info.layers()) {
            l.outputs().forEach(t -> put(m, t));
        }
        for (TensorInfo t : info.outputs()) {
            put(m, t);
        }
        return m;
    }

    private static void put(Map<String, long[]> m, TensorInfo t) {
        if (t.shapeKnown()) {
            m.put(t.name(), t.dims().stream().mapToLong(d -> d < 0 ? -1 : d).toArray());
        }
    }
}
