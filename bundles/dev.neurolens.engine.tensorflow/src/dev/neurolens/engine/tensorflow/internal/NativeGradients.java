package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.engine.tensorflow.importer.FlatGraph;
import dev.neurolens.engine.tensorflow.importer.TfTensorRef;
import dev.neurolens.engine.tensorflow.importer.TfTensors;
import dev.neurolens.graph.compile.CompiledGraph;
import dev.neurolens.graph.compile.ExplanationPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A plain gradient plan (no backward-rule overrides) run on TensorFlow itself: the SavedModel's
 * flattened graph with TensorFlow Java's symbolic gradients ({@code Graph.addGradients}) of the
 * plan's output, weighted by the seed, with respect to the plan's tensors. Results are returned
 * under the names of the ONNX Runtime compilation of the same plan, in the imported graph's
 * layout (tensors the import holds NCHW are transposed from TensorFlow's NHWC). A plan summed over
 * the batch gets its gradients summed over the rows here, after TensorFlow's run.
 */
final class NativeGradients implements AutoCloseable {
    private final Graph graph;
    private final Session session;
    private final CompiledGraph names;
    private final String input;
    private final Output<?> output;
    private final Output<?> seed;
    private final List<String> fetchNames = new ArrayList<>();
    private final List<Output<?>> fetches = new ArrayList<>();
    private final List<Boolean> transposed = new ArrayList<>();
    private final List<Boolean> summed = new ArrayList<>();

    private NativeGradients(Graph graph, CompiledGraph names, String input, Output<?> output, Output<?> seed) {
        this.graph = graph;
        this.session = new Session(graph);
        this.names = names;
        this.input = input;
        this.output = output;
        this.seed = seed;
    }

    /** Whether a plan is a plain gradient that TensorFlow's symbolic gradients compute. */
    static boolean handles(ExplanationPlan plan, Map<String, TfTensorRef> origins) {
        if (!plan.ruleOverrides().isEmpty() || !plan.opOverrides().isEmpty() || !origins.containsKey(plan.output())) {
            return false;
        }
        return plan.gradientsOf().stream().allMatch(origins::containsKey) && plan.taps().stream()
                .allMatch(origins::containsKey);
    }

    /**
     * Builds the gradient graph of {@code plan} over the flat graph.
     *
     * @param names the ONNX Runtime compilation of the plan, whose output names the results take
     */
    static NativeGradients build(FlatGraph flat, Map<String, TfTensorRef> origins, ExplanationPlan plan,
            CompiledGraph names) {
        Graph graph = new Graph();
        try {
            graph.importGraphDef(flat.graph());
            Output<?> y = graph.output(origins.get(plan.output()).tensor());
            GraphOperation seedOp = (GraphOperation) graph.opBuilder("Placeholder", "neurolens/seed", graph.baseScope())
                    .setAttr("dtype", DataType.DT_FLOAT).build();
            Output<?>[] xs = plan.gradientsOf().stream().map(t -> graph.output(origins.get(t).tensor()))
                    .toArray(Output[]::new);
            Output<?>[] grads = graph.addGradients("neurolens/grad", new Output<?>[] {y}, xs,
                    new Output<?>[] {seedOp.output(0)});
            NativeGradients g = new NativeGradients(graph, names, flat.inputNode(), y, seedOp.output(0));
            g.add(names.output(), y, false, false);
            for (int i = 0; i < xs.length; i++) {
                String tensor = plan.gradientsOf().get(i);
                g.add(names.gradients().get(tensor), grads[i], origins.get(tensor).nchw(), plan.summedOverBatch());
            }
            for (String tap : plan.taps()) {
                g.add(tap, graph.output(origins.get(tap).tensor()), origins.get(tap).nchw(), false);
            }
            return g;
        } catch (RuntimeException e) {
            graph.close();
            throw new NeuroLensException("TensorFlow cannot differentiate the SavedModel's graph (" + e.getMessage()
                    + ")", e);
        }
    }

    private void add(String name, Output<?> tensor, boolean nchw, boolean sumRows) {
        fetchNames.add(name);
        fetches.add(tensor);
        transposed.add(nchw);
        summed.add(sumRows);
    }

    /**
     * Runs the plan on a batch.
     *
     * @param seed the seed, or {@code null} to seed with the one-hot of each row's largest output
     */
    Map<String, Tensor> run(Tensor batch, Tensor seed, Progress progress) {
        progress.checkCancelled();
        try (TFloat32 x = TfTensors.floats(batch.data(), longs(batch.shape()))) {
            Tensor s = seed != null ? seed : predictedSeed(x);
            progress.checkCancelled();
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (TFloat32 seedTensor = TfTensors.floats(s.data(), longs(s.shape()))) {
                Session.Runner runner = session.runner().feed(input, x).feed(this.seed, seedTensor);
                fetches.forEach(runner::fetch);
                try (Result r = runner.run()) {
                    for (int i = 0; i < fetches.size(); i++) {
                        org.tensorflow.Tensor t = r.get(i);
                        Tensor value = Tensor.wrap(TfTensors.floatValues(t), ints(t.shape().asArray()));
                        value = transposed.get(i) ? toNchw(value) : value;
                        out.put(fetchNames.get(i), summed.get(i) ? sumRows(value) : value);
                    }
                }
            }
            progress.checkCancelled();
            return out;
        } catch (RuntimeException e) {
            if (e instanceof NeuroLensException || e instanceof dev.neurolens.core.progress.CancelledException) {
                throw e;
            }
            throw new NeuroLensException("TensorFlow failed to run the gradient graph (" + e.getMessage() + ")", e);
        }
    }

    /** The one-hot of each row's largest output (ties give several ones), as the compiled graphs do. */
    private Tensor predictedSeed(TFloat32 x) {
        try (Result r = session.runner().feed(input, x).fetch(output).run()) {
            org.tensorflow.Tensor t = r.get(0);
            float[] y = TfTensors.floatValues(t);
            int[] shape = ints(t.shape().asArray());
            int rows = shape[0];
            int per = y.length / rows;
            float[] oneHot = new float[y.length];
            for (int row = 0; row < rows; row++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < per; j++) {
                    max = Math.max(max, y[row * per + j]);
                }
                for (int j = 0; j < per; j++) {
                    oneHot[row * per + j] = y[row * per + j] == max ? 1f : 0f;
                }
            }
            return Tensor.wrap(oneHot, shape);
        }
    }

    /** The sum over axis 0, with a batch axis of 1 (what a compiled plan summed over the batch returns). */
    private static Tensor sumRows(Tensor t) {
        int rows = t.dim(0);
        int per = t.size() / Math.max(1, rows);
        float[] src = t.data();
        float[] out = new float[per];
        for (int j = 0; j < per; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += src[r * per + j];
            }
            out[j] = (float) s;
        }
        int[] shape = t.shape().clone();
        shape[0] = 1;
        return Tensor.wrap(out, shape);
    }

    private static Tensor toNchw(Tensor nhwc) {
        if (nhwc.rank() != 4) {
            return nhwc;
        }
        int n = nhwc.dim(0);
        int h = nhwc.dim(1);
        int w = nhwc.dim(2);
        int c = nhwc.dim(3);
        float[] src = nhwc.data();
        float[] out = new float[src.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        out[((b * c + k) * h + y) * w + x] = src[((b * h + y) * w + x) * c + k];
                    }
                }
            }
        }
        return Tensor.wrap(out, n, c, h, w);
    }

    private static long[] longs(int[] shape) {
        return java.util.Arrays.stream(shape).asLongStream().toArray();
    }

    private static int[] ints(long[] shape) {
        return java.util.Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }

    /** The compilation whose names the results carry. */
    CompiledGraph names() {
        return names;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
