package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Sidecar;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.ui.prefs.PreprocessingPageTester;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.core.resources.IFile;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;

/**
 * Properties ▸ NeuroLens Preprocessing on a model without a sidecar: the page starts from what the
 * engine reads from the model, rejects a bad value with the sidecar parser's message, and writes
 * the sidecar that the command line reads.
 */
class PreprocessingPageTest {

    @Test
    void thePageWritesTheSidecarTheCommandLineReads() throws Exception {
        IFile model = TestProject.customModel();
        Path sidecar = Sidecar.locate(model.getLocation().toPath());
        assertFalse(sidecar.toFile().exists());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String[] seen = new String[2];
        long deadline = System.currentTimeMillis() + 120_000;
        Display display = Display.getCurrent();
        display.timerExec(50, new Runnable() {
            @Override
            public void run() {
                var found = PreprocessingPageTester.find(display);
                if (found.isEmpty() || found.get().value("input.size").isEmpty()) {
                    if (System.currentTimeMillis() < deadline) {
                        display.timerExec(50, this);
                    } else {
                        failure.set(new AssertionError("the page never showed the model's input size"));
                        found.ifPresent(PreprocessingPageTester::cancel);
                    }
                    return;
                }
                PreprocessingPageTester page = found.get();
                try {
                    seen[0] = page.value("input.size");
                    page.type("input.std", "0.5, 0");
                    seen[1] = page.error();
                    page.type("input.std", "0.25, 0.25, 0.25");
                    page.type("input.mean", "0.5, 0.5, 0.5");
                    page.type("labels", "a, b, c, d, e, f, g, h, i, j");
                    if (!page.valid()) {
                        throw new AssertionError("page invalid: " + page.error());
                    }
                    page.ok();
                } catch (Throwable t) {
                    failure.set(t);
                    page.cancel();
                }
            }
        });
        PreferencesUtil.createPropertyDialogOn(Workbench.page().getWorkbenchWindow().getShell(), model,
                "dev.neurolens.ui.preprocessingPage", null, null).open();
        assertNull(failure.get(), () -> "driving the page failed: " + failure.get());
        assertEquals("32x32", seen[0], "the input size read from the model");
        assertTrue(seen[1] != null && seen[1].contains("input.std"), "a bad std is named: " + seen[1]);
        Preprocessing written = Sidecar.readFile(sidecar);
        assertEquals(32, written.width());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, written.mean());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, written.std());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), written.labels());
        assertTrue(model.getParent().getFile(org.eclipse.core.runtime.IPath.fromPortableString(
                sidecar.getFileName().toString())).exists(), "the sidecar is in the workspace");
        Workbench.waitForNeuroLensJobs();
    }
}
