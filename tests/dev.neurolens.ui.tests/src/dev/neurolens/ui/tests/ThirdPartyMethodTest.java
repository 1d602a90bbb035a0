package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.ui.result.ResultEditorTester;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * A method that another bundle registers as an {@link Explainer} service appears in the Explain
 * dialog with its parameters, and its maps reach the result editor — nothing in NeuroLens names it.
 */
class ThirdPartyMethodTest {

    @Test
    void aRegisteredExplainerIsOfferedAndShown() throws Exception {
        IFile model = TestProject.model();
        IFile image = TestProject.image();
        ServiceRegistration<Explainer> registration = FrameworkUtil.getBundle(ThirdPartyMethodTest.class)
                .getBundleContext().registerService(Explainer.class, new RampExplainer(), null);
        try {
            ExplainCommand.run(List.of(model, image), dialog -> {
                assertTrue(dialog.methods().contains(RampExplainer.ID), "offered: " + dialog.methods());
                dialog.checkOnly(RampExplainer.ID);
                dialog.selectMethod(RampExplainer.ID);
                dialog.choose("direction", "down");
                dialog.explain();
            });
            Workbench.waitForNeuroLensJobs();
            Workbench.waitUntil("the result editor", () -> ResultEditorTester.of(Workbench.page().getActiveEditor())
                    .map(e -> e.runMethods().equals(List.of(RampExplainer.ID))).orElse(false));
            ResultEditorTester editor = ResultEditorTester.of(Workbench.page().getActiveEditor()).orElseThrow();
            assertEquals(RampExplainer.ID, editor.method());
            assertEquals("cat", editor.targetLabel());
            assertEquals(0, editor.heatmap().orElseThrow().argMax(), "a falling ramp peaks at the first pixel");
        } finally {
            registration.unregister();
            Workbench.page().closeAllEditors(false);
        }
    }
}
