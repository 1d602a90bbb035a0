package dev.neurolens.engine.onnxruntime.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * How a batch runs on a CPU with several threads (an explanation graph's, or a plain forward
 * pass'): whole, or as parts of its rows side by side, each part on its own thread through a
 * session whose operators run on one thread.
 *
 * <p>Why parts: ONNX Runtime parallelises inside each operator, so the whole batch meets the
 * threads once per operator (an explanation graph of ResNet-20 has ~110), each time handing work to
 * a pool thread and waiting for the slower half; its single-threaded operators (the Transposes that
 * interleave a strided convolution's gradient, the batch ReduceSum, the layout reorders) leave the
 * other cores idle. Rows are independent, so the parts need nothing from each other until the end.
 * Measured on 2 cores: Integrated Gradients with 64 steps ~20 % faster, a forward pass of 64 images
 * 10–15 % faster than whole (alternating runs; docs/notes/2026-12-07-rowsplit.md).
 *
 * <p>The outputs of the parts are concatenated along the batch axis, except gradients summed over
 * the batch ({@link dev.neurolens.graph.compile.CompiledGraph#summedOverBatch()}), which are added:
 * the same sums, added in another order (float rounding, not a different result).
 */
final class RowSplit {
    /** Fewer rows than this per part do not pay for a thread. */
    static final int MIN_ROWS_PER_PART = 4;

    /** Part {@code i} holds rows {@code [starts[i], starts[i + 1])}. */
    private final int[] starts;

    private RowSplit(int[] starts) {
        this.starts = starts;
    }

    /**
     * The split of {@code rows} rows for {@code threads} threads: as many parts as threads, of at
     * least {@value #MIN_ROWS_PER_PART} rows, sizes differing by at most one; one part (the whole
     * batch) for a single thread or a small batch.
     */
    static RowSplit of(long rows, int threads) {
        int parts = (int) Math.max(1, Math.min(threads, rows / MIN_ROWS_PER_PART));
        int[] starts = new int[parts + 1];
        for (int i = 0; i <= parts; i++) {
            starts[i] = (int) (rows * i / parts);
        }
        return new RowSplit(starts);
    }

    /** The whole batch as one part. */
    static RowSplit whole(long rows) {
        return of(rows, 1);
    }

    /** The number of parts (1: the whole batch). */
    int parts() {
        return starts.length - 1;
    }

    /** Whether the batch runs whole. */
    boolean whole() {
        return parts() == 1;
    }

    /** The first row of part {@code i}. */
    int start(int i) {
        return starts[i];
    }

    /** The number of rows of part {@code i}. */
    int rows(int i) {
        return starts[i + 1] - starts[i];
    }

    /** One part's run: the graph's outputs for its rows. */
    @FunctionalInterface
    interface Part {
        /** Runs part {@code index}. */
        Map<String, Tensor> run(int index);
    }

    /**
     * Runs every part — the last on the calling thread, the others on {@code helpers} — waits for
     * all of them (also when one fails: each part closes its own native inputs) and merges their
     * outputs.
     *
     * @param summed the outputs that are sums over the batch (added across parts)
     * @throws RuntimeException the first part's failure (a cancellation is a part's failure too)
     */
    Map<String, Tensor> run(Part part, Executor helpers, Set<String> summed) {
        int n = parts();
        List<CompletableFuture<Map<String, Tensor>>> others = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            int index = i;
            others.add(CompletableFuture.supplyAsync(() -> part.run(index), helpers));
        }
        List<Map<String, Tensor>> results = new ArrayList<>();
        RuntimeException failure = null;
        Map<String, Tensor> last = null;
        try {
            last = part.run(n - 1);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Map<String, Tensor>> f : others) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                failure = failure != null ? failure : unwrap(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        results.add(last);
        return merge(results, summed);
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new NeuroLensException("a part of the batch failed: " + cause, cause);
    }

    /** The parts' outputs as one batch's: {@code summed} outputs added, the others concatenated in order. */
    static Map<String, Tensor> merge(List<Map<String, Tensor>> parts, Set<String> summed) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : parts.get(0).keySet()) {
            List<Tensor> pieces = parts.stream().map(p -> p.get(name)).toList();
            out.put(name, summed.contains(name) ? sum(pieces) : concatenate(pieces));
        }
        return out;
    }

    private static Tensor sum(List<Tensor> pieces) {
        float[] total = pieces.get(0).data();
        for (Tensor t : pieces.subList(1, pieces.size())) {
            if (!Arrays.equals(t.shape(), pieces.get(0).shape())) {
                throw new IllegalStateException("parts of a sum of shapes " + pieces.get(0).shapeString() + " and "
                        + t.shapeString());
            }
            FloatBuffer v = t.buffer();
            for (int i = 0; i < total.length; i++) {
                total[i] += v.get(i);
            }
        }
        return Tensor.wrap(total, pieces.get(0).shape());
    }

    private static Tensor concatenate(List<Tensor> pieces) {
        int[] shape = pieces.get(0).shape().clone();
        int rows = 0;
        int size = 0;
        for (Tensor t : pieces) {
            rows += t.dim(0);
            size += t.size();
        }
        shape[0] = rows;
        float[] all = new float[size];
        int at = 0;
        for (Tensor t : pieces) {
            t.buffer().get(all, at, t.size());
            at += t.size();
        }
        return Tensor.wrap(all, shape);
    }
}
