package dev.neurolens.ui.explain;

import dev.neurolens.core.progress.Progress;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Core's {@link Progress} on an Eclipse progress monitor: the explainer's units become ticks of
 * a {@link SubMonitor}, and the job's Cancel button is what {@link #isCancelled()} reports (the
 * root monitor's flag, safe to poll from an engine's watcher thread).
 */
final class MonitorProgress implements Progress {
    private final SubMonitor monitor;
    private final IProgressMonitor root;

    MonitorProgress(SubMonitor monitor, IProgressMonitor root) {
        this.monitor = monitor;
        this.root = root;
    }

    @Override
    public void begin(String task, long totalWork) {
        monitor.subTask(task);
        monitor.setWorkRemaining(totalWork > 0 ? (int) Math.min(Integer.MAX_VALUE, totalWork) : 0);
    }

    @Override
    public void worked(long units) {
        monitor.worked((int) Math.min(Integer.MAX_VALUE, units));
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public boolean isCancelled() {
        return root.isCanceled();
    }

    @Override
    public void done() {
        monitor.done();
    }
}
