package dev.neurolens.cli;

import dev.neurolens.core.progress.Progress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A progress bar on standard error. It stays silent for the first second, so quick commands
 * print nothing extra; on a terminal it redraws one line, otherwise it prints a line at most
 * every few seconds. {@link #cancel()} (e.g. from a shutdown hook on Ctrl-C) makes
 * {@link #isCancelled()} true.
 */
final class ConsoleProgress implements Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private final PrintStream err;
    private final boolean interactive;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final long start = System.nanoTime();
    private String task = "";
    private String sub = "";
    private long total;
    private long done;
    private long lastDraw;
    private boolean drawn;

    ConsoleProgress(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void begin(String name, long totalWork) {
        task = name;
        total = totalWork;
        done = 0;
        draw(false);
    }

    @Override
    public synchronized void worked(long units) {
        done += units;
        draw(false);
    }

    @Override
    public synchronized void subTask(String name) {
        sub = name;
        draw(false);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Asks the running work to stop. */
    void cancel() {
        cancelled.set(true);
    }

    @Override
    public synchronized void done() {
        if (drawn && interactive) {
            err.print("\r\033[K");
            err.flush();
        }
        drawn = false;
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - start < QUIET_NANOS) {
            return;
        }
        long minGap = interactive ? 100_000_000L : 5_000_000_000L;
        if (!force && drawn && now - lastDraw < minGap) {
            return;
        }
        lastDraw = now;
        drawn = true;
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, done * width / total);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ")
                    .append(String.format("%3d%% ", Math.min(100, done * 100 / total)));
        }
        line.append(task);
        if (!sub.isEmpty()) {
            line.append(": ").append(sub);
        }
        double secs = (now - start) / 1e9;
        line.append(String.format(" (%.0f s", secs));
        if (total > 0 && done > 0 && done < total) {
            line.append(String.format(", about %.0f s left", secs * (total - done) / done));
        }
        line.append(')');
        if (interactive) {
            err.print("\r\033[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }
}
