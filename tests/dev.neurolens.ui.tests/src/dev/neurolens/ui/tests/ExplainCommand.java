package dev.neurolens.ui.tests;

import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.explain.ExplainDialogTester;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.navigator.CommonNavigator;

/**
 * Runs NeuroLens ▸ Explain... as a user does: the resources selected in the Project Explorer, the
 * command executed through the handler service, the dialog filled in by a script. The dialog's
 * {@code open()} blocks, so the script runs from {@code Display.timerExec} inside the dialog's
 * event loop, once the dialog is up and has read the model; a failing script cancels the dialog,
 * so that a test never hangs on it.
 */
final class ExplainCommand {
    private static final long DEADLINE_MILLIS = 120_000;

    /** What the test does in the dialog; it ends by clicking Explain or Cancel. */
    interface Script {
        void fill(ExplainDialogTester dialog) throws Exception;
    }

    private ExplainCommand() {
    }

    /**
     * Selects {@code selection} in the Project Explorer, executes the command and runs {@code script}
     * in the dialog.
     *
     * @throws AssertionError if the dialog did not open, never read the model, or the script failed
     */
    static void run(List<? extends IResource> selection, Script script) throws Exception {
        CommonNavigator explorer = (CommonNavigator) Workbench.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(selection));
        Workbench.page().activate(explorer);
        Workbench.pump();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        Display display = Display.getCurrent();
        display.timerExec(50, new Runnable() {
            @Override
            public void run() {
                Optional<ExplainDialogTester> found = ExplainDialogTester.find(display);
                if (found.isEmpty() || !found.get().modelRead()) {
                    if (System.currentTimeMillis() < deadline) {
                        display.timerExec(50, this);
                    } else {
                        failure.set(new AssertionError(found.isEmpty() ? "the Explain dialog did not open"
                                : "the dialog never read the model: " + found.get().error()));
                        found.ifPresent(ExplainDialogTester::cancel);
                    }
                    return;
                }
                try {
                    script.fill(found.get());
                } catch (Throwable t) {
                    failure.set(t);
                    if (!found.get().shell().isDisposed()) {
                        found.get().cancel();
                    }
                }
            }
        });
        Workbench.page().getWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand(NeuroLensUi.EXPLAIN_COMMAND, null);
        if (failure.get() != null) {
            throw new AssertionError("driving the Explain dialog failed: " + failure.get(), failure.get());
        }
    }
}
