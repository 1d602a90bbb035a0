package dev.neurolens.engine.onnxruntime.internal;

import dev.neurolens.core.progress.Progress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches the {@link Progress} of native runs while they block their threads: one daemon thread
 * polls every run in flight and, when a progress turns cancelled, stops that run (for ONNX Runtime:
 * sets its run options' terminate flag).
 *
 * <p>One thread for all runs, not one per run: starting a thread per run and joining it afterwards
 * cost ~0.35 ms a run (measured with {@code neurolens bench}: 10 % of a batch-1 saliency map on
 * 2 cores). The thread starts with the first run and ends after a while without one (2 s), so an
 * idle model holds no thread and nothing needs closing.
 */
final class CancelWatchdog {
    static final long POLL_MILLIS = 20;
    static final long IDLE_MILLIS = 2_000;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final long idleMillis;
    private Thread thread;

    /** What stops one native run. */
    @FunctionalInterface
    interface Stopper {
        /** Asks the run to stop; it may have ended already (ONNX Runtime then throws). */
        void stop() throws Exception;
    }

    /** A watchdog whose thread ends after {@link #IDLE_MILLIS} without runs. */
    CancelWatchdog() {
        this(IDLE_MILLIS);
    }

    /** A watchdog whose thread ends after {@code idleMillis} without runs. */
    CancelWatchdog(long idleMillis) {
        this.idleMillis = idleMillis;
    }

    /** Starts watching {@code progress} for the run that {@code stopper} stops; close the watch after the run. */
    Watch watch(Progress progress, Stopper stopper) {
        Watch w = new Watch(progress, stopper);
        watches.add(w);
        ensureRunning();
        return w;
    }

    /** Whether the polling thread is alive (for tests). */
    synchronized boolean running() {
        return thread != null;
    }

    private synchronized void ensureRunning() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("neurolens-ort-cancel-watch").start(this::poll);
        }
    }

    private void poll() {
        long idleSince = System.nanoTime();
        while (true) {
            watches.forEach(Watch::check);
            if (!watches.isEmpty()) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(idleMillis) && stopIfIdle()) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // not interrupted by this class; keep watching, runs in flight still need it
            }
        }
    }

    /**
     * Ends the thread if no run is watched. Under the lock, so a run that registered just before
     * either is seen here or finds the thread gone and starts a new one.
     */
    private synchronized boolean stopIfIdle() {
        if (watches.isEmpty()) {
            thread = null;
            return true;
        }
        return false;
    }

    /** One run being watched. */
    final class Watch implements AutoCloseable {
        private final Progress progress;
        private final Stopper stopper;
        private boolean open = true;
        private volatile boolean fired;

        private Watch(Progress progress, Stopper stopper) {
            this.progress = progress;
            this.stopper = stopper;
        }

        /** Stops the run if its progress is cancelled; never after {@link #close()} (its options may be closed). */
        private synchronized void check() {
            if (open && !fired && progress.isCancelled()) {
                fired = true;
                try {
                    stopper.stop();
                } catch (Exception e) {
                    // the run ended meanwhile: nothing left to stop
                }
            }
        }

        /** Whether the watchdog stopped the run. */
        boolean fired() {
            return fired;
        }

        /** Stops watching; afterwards the watchdog never calls the stopper. */
        @Override
        public synchronized void close() {
            open = false;
            watches.remove(this);
        }
    }
}
