package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.model.ModelEditorTester;
import dev.neurolens.ui.model.ModelViewTester;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;

/**
 * The model editor (the default editor of {@code .onnx} files), its Outline and Properties
 * adapters, the problem markers, and the NeuroLens context menu only on model files.
 */
class ModelEditorTest {

    @Test
    void modelFilesOpenInTheModelEditorWithTheEnginesLayers() throws Exception {
        IFile model = TestProject.model();
        ModelInfo ref = Reference.compute(model.getLocation().toPath(), TestProject.image().getLocation().toPath())
                .info();
        Workbench.enlarge();
        IEditorPart part = IDE.openEditor(Workbench.page(), model);
        ModelEditorTester editor = ModelEditorTester.of(part).orElseThrow(
                () -> new AssertionError(".onnx opened in " + part.getClass().getName()));
        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the model's layers", () -> editor.info() != null);
        assertEquals(ref.layers().size(), editor.info().layers().size());
        assertEquals(ref.layers().size(), editor.tableRows(), "one row per layer");
        int conv = indexOfOp(editor.info(), "Conv");
        LayerInfo layer = editor.select(conv);
        assertEquals("Conv", editor.property(layer, "op"), "the Properties view's source for a layer");
        assertEquals(layer.name(), editor.property(layer, "name"));
        assertNotNull(editor.outline(), "the editor offers an Outline page");
        assertTrue(Screenshots.nonBlank(Screenshots.take(editor.control())), "the model editor shows something");
        Screenshots.save(editor.control(), "model-editor");
        assertEquals(0, model.findMarkers(NeuroLensUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO).length,
                "a model with a sidecar has no problems");
        Workbench.page().closeAllEditors(false);
    }

    @Test
    void aModelWithoutSidecarGetsAWarningMarker() throws Exception {
        IFile bare = TestProject.bareModel();
        IEditorPart part = IDE.openEditor(Workbench.page(), bare);
        ModelEditorTester editor = ModelEditorTester.of(part).orElseThrow();
        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the model's layers", () -> editor.info() != null);
        IMarker[] markers = bare.findMarkers(NeuroLensUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO);
        assertEquals(1, markers.length);
        assertEquals(IMarker.SEVERITY_WARNING, markers[0].getAttribute(IMarker.SEVERITY, -1));
        assertTrue(markers[0].getAttribute(IMarker.MESSAGE, "").contains("bare.neurolens.properties"),
                markers[0].getAttribute(IMarker.MESSAGE, ""));

        // a sidecar appears, then the model file changes: the open editor reads it again, the warning goes
        IFile sidecar = bare.getParent().getFile(org.eclipse.core.runtime.IPath.fromPortableString(
                "bare.neurolens.properties"));
        try (InputStream in = TestProject.model().getParent().getFile(org.eclipse.core.runtime.IPath
                .fromPortableString(TestProject.SIDECAR)).getContents()) {
            sidecar.create(in, IResource.FORCE, null);
        }
        try (InputStream in = TestProject.model().getContents()) {
            bare.setContents(in, IResource.FORCE, null);
        }
        Workbench.waitUntil("the warning to go", () -> {
            try {
                return bare.findMarkers(NeuroLensUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO).length == 0;
            } catch (org.eclipse.core.runtime.CoreException e) {
                throw new IllegalStateException(e);
            }
        });
        sidecar.delete(true, null);
        Workbench.page().closeAllEditors(false);
    }

    @Test
    void theModelViewFollowsTheSelectedModel() throws Exception {
        ModelViewTester view = ModelViewTester.of(Workbench.page().showView(NeuroLensUi.MODEL_VIEW)).orElseThrow();
        CommonNavigator explorer = (CommonNavigator) Workbench.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(TestProject.model()));
        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the Model view to read the selected model", () -> view.info() != null);
        assertEquals("logits", view.info().outputs().get(0).name());
        assertEquals(view.info().layers().size(), view.tableRows());
        Workbench.page().hideView(Workbench.page().findView(NeuroLensUi.MODEL_VIEW));
    }

    @Test
    void theNeuroLensMenuAppearsOnModelsOnly() throws Exception {
        CommonNavigator explorer = (CommonNavigator) Workbench.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        assertTrue(popupLabels(explorer, TestProject.model()).contains("NeuroLens"),
                "popup on the model: " + popupLabels(explorer, TestProject.model()));
        assertFalse(popupLabels(explorer, TestProject.image()).contains("NeuroLens"), "no NeuroLens menu on images");
    }

    /** The labels of the Project Explorer's context menu on {@code resource}. */
    static List<String> popupLabels(CommonNavigator explorer, IResource resource) {
        explorer.selectReveal(new StructuredSelection(resource));
        Workbench.pump();
        Menu menu = explorer.getCommonViewer().getTree().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        List<String> labels = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            labels.add(item.getText().replace("&", ""));
        }
        menu.notifyListeners(SWT.Hide, new Event());
        return labels;
    }

    private static int indexOfOp(ModelInfo info, String op) {
        for (int i = 0; i < info.layers().size(); i++) {
            if (info.layers().get(i).opType().equals(op)) {
                return i;
            }
        }
        throw new AssertionError("no " + op + " layer");
    }
}
