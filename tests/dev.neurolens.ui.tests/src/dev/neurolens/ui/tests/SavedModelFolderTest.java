package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.Target;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.explain.ExplainJob;
import dev.neurolens.ui.explain.ExplainSettings;
import dev.neurolens.ui.explain.Models;
import dev.neurolens.ui.model.ModelViewTester;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a TensorFlow SavedModel folder stands for its model in the workbench: the NeuroLens
 * menu appears on it, the handlers resolve it to its {@code saved_model.pb}, the Model view reads
 * it with the TensorFlow engine, and an explanation runs on it.
 */
class SavedModelFolderTest {

    @Test
    void theNeuroLensMenuAppearsOnSavedModelFoldersOnly() throws Exception {
        IFolder folder = TestProject.savedModel();
        CommonNavigator explorer = (CommonNavigator) Workbench.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        assertTrue(ModelEditorTest.popupLabels(explorer, folder).contains("NeuroLens"),
                "popup on the SavedModel folder: " + ModelEditorTest.popupLabels(explorer, folder));
        assertTrue(ModelEditorTest.popupLabels(explorer, folder.getFile("saved_model.pb")).contains("NeuroLens"),
                "popup on its saved_model.pb");
        IFolder variables = folder.getFolder("variables");
        assertFalse(ModelEditorTest.popupLabels(explorer, variables).contains("NeuroLens"),
                "no NeuroLens menu on a folder without saved_model.pb");
        assertFalse(ModelEditorTest.popupLabels(explorer, TestProject.image().getParent()).contains("NeuroLens"),
                "no NeuroLens menu on the images folder");
    }

    @Test
    void aSavedModelFolderResolvesToItsGraphFile() throws Exception {
        IFolder folder = TestProject.savedModel();
        assertEquals(Optional.of(folder.getFile("saved_model.pb")), Models.modelFile(folder));
        assertEquals(Optional.of(folder.getFile("saved_model.pb")), Models.modelFile(folder.getFile("saved_model.pb")));
        assertEquals(Optional.empty(), Models.modelFile(folder.getFolder("variables")));
        assertEquals(Optional.empty(), Models.modelFile(TestProject.image()));
        assertEquals(Optional.of(TestProject.model()), Models.modelFile(TestProject.model()));
    }

    @Test
    void theModelViewReadsASelectedSavedModelFolder() throws Exception {
        IFolder folder = TestProject.savedModel();
        ModelViewTester view = ModelViewTester.of(Workbench.page().showView(NeuroLensUi.MODEL_VIEW)).orElseThrow();
        CommonNavigator explorer = (CommonNavigator) Workbench.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(folder));
        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the Model view to read the SavedModel", () -> view.info() != null
                && view.info().format().toLowerCase(java.util.Locale.ROOT).contains("savedmodel"));
        assertFalse(view.info().layers().isEmpty(), "the SavedModel's layers");
        assertEquals(view.info().layers().size(), view.tableRows());
        List<Long> dims = view.info().outputs().get(0).dims();
        assertEquals(10L, dims.get(dims.size() - 1), "ten classes: " + view.info().outputs());
        Workbench.page().hideView(Workbench.page().findView(NeuroLensUi.MODEL_VIEW));
    }

    @Test
    void anExplanationRunsOnASavedModelFolder() throws Exception {
        IFile model = Models.modelFile(TestProject.savedModel()).orElseThrow();
        ExplainSettings settings = new ExplainSettings(model, List.of(TestProject.image().getLocation().toPath()),
                List.of("gradcam"), Map.of(), Target.PREDICTED, Optional.empty());
        List<IFile> opened = new ArrayList<>();
        ExplainJob job = new ExplainJob(settings, opened::add);
        job.schedule();
        Workbench.waitForNeuroLensJobs();
        job.join();
        Workbench.pump();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult()::toString);
        assertEquals(1, opened.size(), "the run opens in the result editor");
        assertTrue(opened.get(0).exists(), opened.get(0) + " was written");
        Workbench.page().closeAllEditors(false);
    }
}
