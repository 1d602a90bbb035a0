package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.neurolens.core.progress.Progress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a {@link Progress} while a native run blocks its thread: a virtual thread polls
 * {@link Progress#isCancelled()} and, when it turns true, asks ONNX Runtime to stop the run
 * through its run options' terminate flag.
 */
final class CancelWatcher implements AutoCloseable {
    private static final long POLL_MILLIS = 20;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Thread thread;

    /** Starts watching {@code progress} for the run that uses {@code runOptions}. */
    CancelWatcher(Progress progress, OrtSession.RunOptions runOptions) {
        thread = Thread.ofVirtual().name("neurolens-ort-cancel-watch").start(() -> {
            while (running.get()) {
                if (progress.isCancelled()) {
                    terminate(runOptions);
                    return;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void terminate(OrtSession.RunOptions runOptions) {
        try {
            fired.set(true);
            runOptions.setTerminate(true);
        } catch (OrtException | IllegalStateException e) {
            // the run finished and its options were closed meanwhile: nothing left to stop
        }
    }

    /** Whether the watcher stopped the run. */
    boolean fired() {
        return fired.get();
    }

    /** Stops watching and waits for the watcher, so that it never touches closed run options. */
    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
