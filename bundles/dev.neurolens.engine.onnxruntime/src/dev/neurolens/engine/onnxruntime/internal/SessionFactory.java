package dev.neurolens.engine.onnxruntime.internal;

import ai.djl.Device;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.neurolens.core.model.ExecutionDevice;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Creates ONNX Runtime sessions for (possibly transformed) models with the model's thread and
 * device settings. DJL creates the main session; these are the sessions DJL cannot make: ones
 * with extra outputs, and the one-off shape probe.
 */
final class SessionFactory {
    /**
     * System property naming a file prefix: when set, ONNX Runtime writes a per-op JSON profile of
     * every session to {@code <prefix>-<n>_<timestamp>.json} when the session closes (a developer's
     * tool for the performance work; set it through {@code NEUROLENS_JAVA_OPTS}).
     */
    static final String PROFILE_PROPERTY = "neurolens.ort.profile";

    /**
     * System property naming a file prefix: when set, ONNX Runtime writes each session's graph as
     * it runs it, after its optimizations (fusions, NCHWc layout), to {@code <prefix>-<n>.onnx}
     * (a developer's tool, next to {@link #PROFILE_PROPERTY}).
     */
    static final String OPTIMIZED_PROPERTY = "neurolens.ort.optimized";

    /** System property naming a file prefix: each model given to ONNX Runtime is written to it, as is. */
    static final String DUMP_PROPERTY = "neurolens.ort.dump";

    private final OrtRuntime runtime;
    private final String source;
    private final int intraOpThreads;
    private final Device device;
    private final ExecutionDevice status;
    private final CancelWatchdog watchdog = new CancelWatchdog();
    private final InputBuffers inputs;
    private final ThreadPoolExecutor partThreads;

    /**
     * @param runtime the started engine
     * @param source the model file, for messages
     * @param intraOpThreads threads inside one operator (inter-op is 1: CNNs are chains of ops)
     * @param device the device chosen for the model
     */
    SessionFactory(OrtRuntime runtime, String source, int intraOpThreads, OrtRuntime.DeviceChoice device) {
        this.runtime = runtime;
        this.source = source;
        this.intraOpThreads = intraOpThreads;
        this.device = device.device();
        this.status = device.status();
        this.inputs = new InputBuffers(Math.max(InputBuffers.KEPT, 2 * intraOpThreads));
        // threads for the parts beside the caller's; they end after 2 s idle, so nothing needs closing
        int helpers = Math.max(1, intraOpThreads - 1);
        this.partThreads = new ThreadPoolExecutor(helpers, helpers, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "neurolens-rows");
                    t.setDaemon(true);
                    return t;
                });
        this.partThreads.allowCoreThreadTimeOut(true);
    }

    /** Where the sessions run, for users. */
    ExecutionDevice executionDevice() {
        return status;
    }

    /**
     * How a batch of {@code rows} rows of a model with image input {@code input} runs: in parts side
     * by side on a CPU with several threads ({@link RowSplit}) when the input's batch axis is free,
     * else whole (a GPU, one thread, a model fixed to one batch size).
     */
    RowSplit rowSplit(TensorInfo input, long rows) {
        boolean freeBatch = !input.dims().isEmpty() && input.dims().get(0) < 0;
        return RowSplit.of(rows, device.isGpu() || !freeBatch ? 1 : intraOpThreads);
    }

    /** The threads inside one operator of this model's sessions. */
    int threads() {
        return intraOpThreads;
    }

    /** The threads that run a {@link RowSplit}'s parts beside the calling thread. */
    Executor partThreads() {
        return partThreads;
    }

    /** What stops this model's runs when their progress is cancelled. */
    CancelWatchdog watchdog() {
        return watchdog;
    }

    /** The reused direct buffers that this model's repeated runs take their inputs from. */
    InputBuffers inputs() {
        return inputs;
    }

    /** The ONNX Runtime environment the sessions belong to. */
    ai.onnxruntime.OrtEnvironment environment() {
        return runtime.environment();
    }

    /**
     * Session options for this model: its thread counts, and pool threads that spin only while a
     * run is in flight. By default ONNX Runtime's pool threads also spin for a while after each
     * run; with one pool per session (DJL's session, the explanation sessions) those of one session
     * stole the 2 cores from the next session's run (measured 2-3x slower alternating runs). Without
     * any spinning each of the ~50-110 operators of a batch-1 run woke a sleeping thread instead:
     * {@code session.force_spinning_stop} stops the spinning when the run returns, and the batch-1
     * forward pass took 1.04-1.68 ms instead of 1.53-1.95 ms, Saliency 1.92-1.96 instead of
     * 2.01-2.06 forward passes (alternating runs). The caller closes the options.
     */
    SessionOptions newOptions() throws OrtException {
        return newOptions(intraOpThreads);
    }

    private SessionOptions newOptions(int threads) throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "1");
            options.addConfigEntry("session.force_spinning_stop", "1");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            String profile = System.getProperty(PROFILE_PROPERTY);
            if (profile != null && !profile.isBlank()) {
                // one prefix per session: ONNX Runtime appends only the second, and sessions created
                // within one second would write into one file
                options.enableProfiling(profile + "-" + System.nanoTime());
            }
            String optimized = System.getProperty(OPTIMIZED_PROPERTY);
            if (optimized != null && !optimized.isBlank()) {
                options.setOptimizedModelFilePath(optimized + "-" + System.nanoTime() + ".onnx");
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** The options DJL's {@code Model.load} takes: {@code options} plus the same thread counts. */
    Map<String, Object> djlOptions(SessionOptions options) {
        return Map.of("sessionOptions", options, "intraOpNumThreads", Integer.toString(intraOpThreads),
                "interOpNumThreads", "1");
    }

    /**
     * A session for {@code model}.
     *
     * @throws dev.neurolens.core.NeuroLensException if ONNX Runtime refuses the model
     */
    OrtSession create(ModelProto model) {
        return create(model, true);
    }

    /**
     * A session for {@code model}, with or without ONNX Runtime's memory pattern (one block per run,
     * laid out from the first run's allocations). Explanation graphs of large batches keep every
     * activation alive for their backward pass; for them the pattern cost memory and no time:
     * Integrated Gradients' peak resident memory 404–408 MiB with it, 295–305 MiB without, at the
     * same speed (2.39–2.41× vs 2.35–2.36× a batch-64 forward, three A/B runs each).
     *
     * @param memoryPattern whether to plan memory from the first run (ONNX Runtime's default)
     * @throws dev.neurolens.core.NeuroLensException if ONNX Runtime refuses the model
     */
    OrtSession create(ModelProto model, boolean memoryPattern) {
        return create(model, memoryPattern, intraOpThreads);
    }

    /**
     * A session for {@code model} whose operators run on {@code threads} threads (1 for the parts of
     * a {@link RowSplit}, which run side by side).
     *
     * @throws dev.neurolens.core.NeuroLensException if ONNX Runtime refuses the model
     */
    OrtSession create(ModelProto model, boolean memoryPattern, int threads) {
        try (SessionOptions options = newOptions(threads)) {
            options.setMemoryPatternOptimization(memoryPattern);
            if (device.isGpu()) {
                options.addCUDA(device.getDeviceId());
            }
            byte[] bytes = model.toByteArray();
            String dump = System.getProperty(DUMP_PROPERTY);
            if (dump != null && !dump.isBlank()) {
                Files.write(Path.of(dump + "-" + System.nanoTime() + ".onnx"), bytes);
            }
            return runtime.environment().createSession(bytes, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw OrtErrors.loading(source, e);
        }
    }
}
