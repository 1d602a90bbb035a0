package dev.neurolens.dissect;

import dev.neurolens.core.progress.Progress;

/**
 * A progress that reports nothing but passes cancellation through: for work whose caller counts
 * its own units (e.g. a second pass over a few images, or a section of a larger page).
 *
 * @param inner the progress whose cancellation is passed through
 */
public record CancellationOnly(Progress inner) implements Progress {

    @Override
    public void begin(String task, long totalWork) {
    }

    @Override
    public void worked(long units) {
    }

    @Override
    public void subTask(String name) {
    }

    @Override
    public boolean isCancelled() {
        return inner.isCancelled();
    }
}
