package dev.neurolens.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or SIGTERM) during a long command into a cancellation: a shutdown hook cancels the
 * progress and waits briefly for the command to unwind, so that no temporary result file is left
 * behind. Close it when the command is done.
 */
final class CancelOnInterrupt implements AutoCloseable {
    private static final long GRACE_MILLIS = 2_000;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CancelOnInterrupt(ConsoleProgress progress) {
        hook = new Thread(() -> {
            progress.cancel();
            try {
                finished.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "neurolens-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and has been released above
        }
    }
}
