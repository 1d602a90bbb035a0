package dev.neurolens.core.progress;

/**
 * Progress reporting and cancellation for long work. Implemented by callers (the CLI's progress
 * bar, an Eclipse job's monitor); polled by engines and explainers.
 *
 * <p>Work is measured in abstract units: call {@link #begin} once with the total, then
 * {@link #worked} as units complete. Implementations must be thread-safe for {@link #isCancelled}
 * (an engine may poll it from a watcher thread while a native call runs).
 */
public interface Progress {

    /** Progress that reports nowhere and is never cancelled. */
    Progress NONE = new Progress() {
        @Override public void begin(String task, long totalWork) { }
        @Override public void worked(long units) { }
        @Override public void subTask(String name) { }
        @Override public boolean isCancelled() { return false; }
    };

    /** Starts a task of {@code totalWork} units ({@code <= 0} if unknown). */
    void begin(String task, long totalWork);

    /** Reports that {@code units} more units are done. */
    void worked(long units);

    /** Names the current step of the task. */
    void subTask(String name);

    /** Whether the user asked to stop. */
    boolean isCancelled();

    /** Marks the task finished; the default does nothing. */
    default void done() {
    }

    /**
     * A view of this progress that reports nothing but passes cancellation through: for work whose
     * caller counts its own units (a section of a larger job, a second pass over a few images).
     */
    default Progress cancellationOnly() {
        Progress outer = this;
        return new Progress() {
            @Override public void begin(String task, long totalWork) { }
            @Override public void worked(long units) { }
            @Override public void subTask(String name) { }
            @Override public boolean isCancelled() { return outer.isCancelled(); }
        };
    }

    /**
     * Throws {@link CancelledException} if the user asked to stop; call it between steps.
     *
     * @throws CancelledException if {@link #isCancelled()}
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
