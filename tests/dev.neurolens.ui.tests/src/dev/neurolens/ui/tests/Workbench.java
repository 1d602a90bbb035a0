package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.neurolens.ui.NeuroLensUi;
import java.util.function.BooleanSupplier;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/**
 * Waiting in UI tests without sleeping through the UI: events are pumped while a condition is
 * polled; the deadline only turns a hang into a failure, it asserts nothing about speed.
 */
final class Workbench {
    private static final long DEADLINE_MILLIS = 180_000;

    private Workbench() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Gives the workbench window a size at which the editors show all their controls. */
    static void enlarge() {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1500, 950);
        pump();
    }

    /** Processes pending UI events. */
    static void pump() {
        Display d = display();
        while (d.readAndDispatch()) {
            // keep going
        }
    }

    /** Pumps events until {@code condition} holds; fails naming {@code what} if it never does. */
    static void waitUntil(String what, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + DEADLINE_MILLIS;
        Display d = display();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("gave up waiting for " + what);
            }
            if (!d.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for " + what);
                }
            }
        }
        pump();
    }

    /** Waits until no NeuroLens job is queued or running, then lets their UI follow-ups run. */
    static void waitForNeuroLensJobs() {
        waitUntil("the NeuroLens jobs to finish", () -> Job.getJobManager().find(NeuroLensUi.JOB_FAMILY).length == 0);
        pump();
    }
}
