package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One session run that can be cancelled: a {@link CancelWatchdog} stops the native run when the
 * progress says so, and the float outputs are copied out before the native result is closed.
 */
final class WatchedRun {
    private WatchedRun() {
    }

    /**
     * Runs {@code session} on {@code inputs} (which the caller closes) and returns {@code outputs},
     * with {@code watchdog} watching {@code progress} during the run.
     *
     * @throws CancelledException if cancelled
     * @throws NeuroLensException naming {@code source} if ONNX Runtime fails
     */
    static Map<String, Tensor> run(OrtSession session, Map<String, OnnxTensor> inputs, Set<String> outputs,
            Progress progress, CancelWatchdog watchdog, String source) {
        progress.checkCancelled();
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            try (CancelWatchdog.Watch watcher = watchdog.watch(progress, () -> runOptions.setTerminate(true))) {
                try (OrtSession.Result result = session.run(inputs, outputs, runOptions)) {
                    return copy(result, outputs);
                } catch (OrtException e) {
                    if (!watcher.fired() && !progress.isCancelled()) {
                        throw OrtErrors.running(source, e);
                    }
                }
            }
        } catch (OrtException e) {
            throw OrtErrors.running(source, e);
        }
        throw new CancelledException();
    }

    private static Map<String, Tensor> copy(OrtSession.Result result, Set<String> tensors) {
        Map<String, Tensor> out = new HashMap<>();
        for (String name : tensors) {
            OnnxValue value = result.get(name).orElseThrow(
                    () -> new NeuroLensException("ONNX Runtime returned no tensor " + name));
            if (!OrtTensors.isFloat(value)) {
                throw new NeuroLensException("tensor " + name + " is not a float tensor");
            }
            out.put(name, OrtTensors.fromOrt((OnnxTensor) value));
        }
        return out;
    }
}
