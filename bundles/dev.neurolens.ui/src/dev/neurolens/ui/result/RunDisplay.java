package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Target;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.Services;
import dev.neurolens.ui.explain.ExplainJob;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.PlatformUI;

/**
 * A {@link ResultPanel} bound to a run file, shared by the result editor and the Attribution
 * view: it reads the run, and runs it again (as an {@link ExplainJob}) when the user picks another
 * class or a method the run lacks, then shows the new run through {@code onNewRun}.
 */
final class RunDisplay {
    private final ResultPanel panel;
    private final Consumer<IFile> onNewRun;
    private IFile file;
    private Run run;

    RunDisplay(Composite parent, Consumer<IFile> onNewRun) {
        this.onNewRun = onNewRun;
        List<String> installed;
        try (Services services = Services.open()) {
            installed = services.attributionExplainers().stream().map(Explainer::id).toList();
        }
        panel = new ResultPanel(parent, installed, this::rerun);
        PlatformUI.getWorkbench().getHelpSystem().setHelp(panel.control(), NeuroLensUi.HELP_RESULT);
    }

    /**
     * Reads and shows a run file.
     *
     * @throws NeuroLensException naming the file if it is not a readable run
     */
    void show(IFile runFile) {
        Run r = Run.read(RunWriter.location(runFile));
        file = runFile;
        run = r;
        panel.show(r);
    }

    private void rerun(List<String> methods, Target target) {
        ExplainJob job = new ExplainJob(Results.again(run, RunWriter.location(file.getParent()), methods, target),
                newRun -> {
                    if (!panel.control().isDisposed()) {
                        onNewRun.accept(newRun);
                    }
                });
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().getSeverity() != IStatus.OK && !panel.control().isDisposed()) {
                    panel.control().getDisplay().asyncExec(() -> {
                        if (!panel.control().isDisposed()) {
                            panel.show(run);
                        }
                    });
                }
            }
        });
        job.schedule();
    }

    ResultPanel panel() {
        return panel;
    }

    /** The run file shown, or {@code null}. */
    IFile file() {
        return file;
    }
}
