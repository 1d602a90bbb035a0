package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.result.AttributionViewTester;
import dev.neurolens.ui.result.ResultEditorTester;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;

/**
 * The main path through the workbench: select a model and an image in the Project Explorer, run
 * NeuroLens ▸ Explain... through the handler service, fill in the dialog with SWT events, wait for
 * the job family, and check the result editor against the methods' own outputs computed here
 * without the UI; then switch method, display options and target class in the editor.
 */
class ExplainWorkflowTest {

    @Test
    void explainFromTheProjectExplorerShowsTheMethodsOwnMaps() throws Exception {
        IFile model = TestProject.model();
        IFile image = TestProject.image();
        Reference ref = Reference.compute(model.getLocation().toPath(), image.getLocation().toPath());
        assertEquals("cat", ref.info().preprocessing().label(ref.predicted()).orElse(""), "the photo shows a cat");

        Workbench.enlarge();
        AttributionViewTester view = AttributionViewTester.of(Workbench.page().showView(NeuroLensUi.ATTRIBUTION_VIEW))
                .orElseThrow();
        assertNull(view.runFile(), "the Attribution view starts empty");
        DialogSeen seen = new DialogSeen();
        ExplainCommand.run(List.of(model, image), dialog -> {
            seen.images = dialog.images();
            seen.methods = dialog.methods();
            seen.targets = dialog.targets();
            dialog.checkOnly("gradcam", "saliency");
            seen.layerEnabledForGradcam = dialog.layerEnabled();
            dialog.selectMethod("saliency");
            dialog.choose("view", "max");
            String batch = ((Text) dialog.field("batch")).getText();
            dialog.type("batch", "0");
            seen.invalidBatchError = dialog.error();
            seen.explainEnabledWhileInvalid = dialog.explainEnabled();
            dialog.type("batch", batch);
            seen.screenshot = Screenshots.take(dialog.shell());
            Screenshots.save(dialog.shell(), "explain-dialog");
            assertTrue(dialog.explainEnabled(), () -> "Explain is disabled: " + dialog.error());
            dialog.explain();
        });
        assertEquals(List.of(image.getLocation().toPath()), seen.images, "the selected image starts in the list");
        assertTrue(seen.methods.containsAll(List.of("gradcam", "saliency", "integrated-gradients")),
                "installed methods offered: " + seen.methods);
        assertEquals(11, seen.targets.size(), "predicted + 10 CIFAR-10 classes: " + seen.targets);
        assertEquals("3: cat", seen.targets.get(4));
        assertTrue(seen.layerEnabledForGradcam, "Grad-CAM is a layer method: the layer choice is enabled");
        assertNotNull(seen.invalidBatchError, "an out-of-range parameter is reported");
        assertTrue(seen.invalidBatchError.contains("batch"), seen.invalidBatchError);
        assertFalse(seen.explainEnabledWhileInvalid, "Explain is disabled while a parameter is invalid");
        assertTrue(Screenshots.nonBlank(seen.screenshot), "the dialog's screenshot shows something");

        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the result editor", () -> resultEditor().isPresent());
        ResultEditorTester editor = resultEditor().orElseThrow();

        // the first method, for the predicted class, peaks where Grad-CAM's own map does
        assertEquals(List.of("gradcam", "saliency"), editor.runMethods());
        assertEquals("gradcam", editor.method());
        assertEquals(ref.predicted(), editor.targetClass());
        assertEquals("cat", editor.targetLabel());
        assertTrue(editor.predictionRows().get(0).contains("cat"), "top prediction: " + editor.predictionRows());
        Tensor cam = editor.heatmap().orElseThrow();
        assertEquals("[32, 32]", cam.shapeString(), "the upsampled Grad-CAM map, at the input's size");
        assertNotEquals(min(cam), max(cam), "the heatmap is not flat");
        assertEquals(ref.gradcamPeak(), cam.argMax(), "maximum where Grad-CAM's own output has it");
        assertTrue(Screenshots.nonBlank(Screenshots.take(editor.control())), "the editor shows the overlay");
        Screenshots.save(editor.control(), "result-editor");

        // the Attribution view shows the latest run too
        IFile firstRun = editor.runFile();
        assertEquals(firstRun, view.runFile());
        assertEquals("gradcam", view.method());
        assertEquals(ref.predicted(), view.targetClass());

        // switching to the other method of the run needs no new run
        editor.method("saliency");
        assertEquals("saliency", editor.method());
        assertEquals(firstRun, editor.runFile());
        assertFalse(editor.signed(), "a max-|grad| map is shown as absolute values");
        assertEquals(ref.saliencyPeak(), editor.heatmap().orElseThrow().argMax(),
                "maximum where max_c |grad| of Saliency's own output has it");
        editor.opacity(30);
        assertEquals(30, editor.opacity());
        editor.signed(true);
        assertTrue(editor.signed());
        assertEquals(Colormap.SEISMIC, editor.colormap(), "signed values get a diverging colormap");
        editor.colormap(Colormap.VIRIDIS);
        assertEquals(Colormap.VIRIDIS, editor.colormap());
        editor.signed(false);
        assertTrue(Screenshots.nonBlank(Screenshots.take(editor.control())), "the editor still shows the overlay");

        // the run's files are workspace files, the same as the command line writes
        IFolder run = (IFolder) firstRun.getParent();
        assertEquals(TestProject.results(), run.getParent());
        for (String f : List.of("chelsea.gradcam.npy", "chelsea.gradcam.upsampled.npy", "chelsea.gradcam.png",
                "chelsea.gradcam.json", "chelsea.saliency.npy", "chelsea.saliency.png", "chelsea.saliency.json",
                "chelsea.input.png", "run.nlrun")) {
            assertTrue(run.getFile(f).exists(), f + " is in the workspace");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) Json.read(run.getFile("chelsea.saliency.json")
                .getLocation().toPath());
        assertEquals("saliency", record.get("method"));
        assertEquals("top", record.get("target"));
        assertEquals((long) ref.predicted(), record.get("class"));
        assertEquals("max", ((Map<?, ?>) record.get("parameters")).get("view"), "the parameter chosen in the dialog");

        // another target class runs the explanation again; the editor moves to the new run
        editor.target(5);
        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the editor to show the new run", () -> !firstRun.equals(editor.runFile()));
        assertEquals(5, editor.targetClass());
        assertEquals("dog", editor.targetLabel());
        assertEquals("saliency", editor.method());
        assertEquals(List.of("saliency"), editor.runMethods());

        // a run reopens from its file
        Workbench.page().closeAllEditors(false);
        IDE.openEditor(Workbench.page(), firstRun);
        Workbench.waitUntil("the reopened editor", () -> resultEditor().isPresent());
        ResultEditorTester reopened = resultEditor().orElseThrow();
        assertEquals("gradcam", reopened.method());
        assertEquals(ref.gradcamPeak(), reopened.heatmap().orElseThrow().argMax());
        Workbench.page().closeAllEditors(false);
    }

    @Test
    void cancellingTheJobWritesNothing() throws Exception {
        IFile model = TestProject.model();
        IFolder results = TestProject.results();
        int before = results.exists() ? results.members().length : 0;
        var settings = new dev.neurolens.ui.explain.ExplainSettings(model,
                List.of(TestProject.image().getLocation().toPath()), List.of("integrated-gradients"),
                Map.of("integrated-gradients", Map.of("steps", "10000")), dev.neurolens.core.explain.Target.PREDICTED,
                Optional.empty());
        List<IFile> opened = new ArrayList<>();
        var job = new dev.neurolens.ui.explain.ExplainJob(settings, opened::add);
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void running(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                event.getJob().cancel();
            }
        });
        job.schedule();
        Workbench.waitForNeuroLensJobs();
        assertEquals(org.eclipse.core.runtime.IStatus.CANCEL, job.getResult().getSeverity(), job.getResult()::toString);
        assertTrue(opened.isEmpty(), "no editor for a cancelled run");
        results.refreshLocal(IResource.DEPTH_INFINITE, null);
        assertEquals(before, results.exists() ? results.members().length : 0, "no run folder was written");
    }

    private static Optional<ResultEditorTester> resultEditor() {
        return ResultEditorTester.of(Workbench.page().getActiveEditor());
    }

    private static float min(Tensor t) {
        float m = Float.POSITIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            m = Math.min(m, t.get(i));
        }
        return m;
    }

    private static float max(Tensor t) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            m = Math.max(m, t.get(i));
        }
        return m;
    }

    /** What the dialog showed. */
    private static final class DialogSeen {
        List<Path> images = List.of();
        List<String> methods = List.of();
        List<String> targets = List.of();
        boolean layerEnabledForGradcam;
        String invalidBatchError;
        boolean explainEnabledWhileInvalid;
        org.eclipse.swt.graphics.ImageData screenshot;
    }
}
