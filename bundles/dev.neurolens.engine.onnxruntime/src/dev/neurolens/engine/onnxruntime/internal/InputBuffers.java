package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.neurolens.core.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct buffers for the inputs of a model's repeated runs (explanation graphs, fetched
 * activations), reused from run to run; one pool per model. ONNX Runtime reads a
 * direct buffer in place; a heap tensor it would copy into a new direct buffer per run, which only
 * a garbage collection frees. Direct memory lies outside the heap, so with few collections those
 * buffers pile up: Integrated Gradients' peak resident memory grew 6–11 MiB from 64 to 1,000 steps
 * (a 786 KB input per 64-row chunk) once its chunks stopped making heap garbage.
 */
final class InputBuffers {
    /** Buffers kept by default: a run's input and seed, for two runs at the same time. */
    static final int KEPT = 4;

    private final int kept;
    private final List<ByteBuffer> free = new ArrayList<>();

    /** A pool that keeps {@value #KEPT} buffers. */
    InputBuffers() {
        this(KEPT);
    }

    /** A pool that keeps {@code kept} buffers (two per run that may be in flight at the same time). */
    InputBuffers(int kept) {
        this.kept = kept;
    }

    /** A tensor over a reused buffer holding a copy of {@code t}; give it back with {@link #release}. */
    Lease lease(OrtEnvironment env, Tensor t) throws OrtException {
        return lease(env, t, 0, t.dim(0));
    }

    /**
     * A tensor over a reused buffer holding a copy of rows {@code [from, from + rows)} of {@code t}
     * (axis 0); give it back with {@link #release}.
     */
    Lease lease(OrtEnvironment env, Tensor t, int from, int rows) throws OrtException {
        if (t.rank() < 1 || from < 0 || rows < 0 || from + rows > t.dim(0)) {
            throw new IllegalArgumentException("rows [" + from + ", " + (from + rows) + ") of a tensor of shape "
                    + t.shapeString());
        }
        int perRow = t.dim(0) == 0 ? 0 : t.size() / t.dim(0);
        int bytes = Math.multiplyExact(Math.multiplyExact(rows, perRow), Float.BYTES);
        ByteBuffer b = take(bytes);
        FloatBuffer floats = b.clear().limit(bytes).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
        floats.put(t.buffer().slice(from * perRow, rows * perRow)).flip();
        long[] shape = new long[t.rank()];
        shape[0] = rows;
        for (int i = 1; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        try {
            return new Lease(OnnxTensor.createTensor(env, floats, shape), b);
        } catch (OrtException | RuntimeException e) {
            release(b);
            throw e;
        }
    }

    /** The smallest free buffer of at least {@code bytes}, or a new one. */
    synchronized ByteBuffer take(int bytes) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int c = free.get(i).capacity();
            if (c >= bytes && (best < 0 || c < free.get(best).capacity())) {
                best = i;
            }
        }
        // by index: ByteBuffer.equals compares contents, so remove(Object) could take another buffer
        return best >= 0 ? free.remove(best) : ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /**
     * Returns a buffer for reuse. At most the pool's {@code kept} are kept, the largest: a method with larger
     * inputs than the one before must not find the pool full of buffers too small for it (each run
     * would then allocate a new one — IG after SmoothGrad grew 7 MiB per 1,000 steps that way).
     */
    synchronized void release(ByteBuffer b) {
        free.add(b);
        if (free.size() > kept) {
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).capacity() < free.get(smallest).capacity()) {
                    smallest = i;
                }
            }
            free.remove(smallest);
        }
    }

    /** A native tensor over a pooled buffer; closing it closes the tensor and returns the buffer. */
    final class Lease implements AutoCloseable {
        private final OnnxTensor tensor;
        private final ByteBuffer buffer;

        private Lease(OnnxTensor tensor, ByteBuffer buffer) {
            this.tensor = tensor;
            this.buffer = buffer;
        }

        /** The tensor to feed. */
        OnnxTensor tensor() {
            return tensor;
        }

        @Override
        public void close() {
            tensor.close();
            release(buffer);
        }
    }
}
