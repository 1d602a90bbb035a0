package dev.neurolens.ui.result;

import dev.neurolens.core.explain.Target;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.explain.ExplainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.statushandlers.StatusManager;

/** Where finished runs are shown, and how a shown run is run again with other choices. */
public final class Results {
    private Results() {
    }

    /** Opens the result editor on a run file and shows the run in the Attribution view if it is open. */
    public static void show(IFile run) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        if (page == null) {
            return;
        }
        try {
            IDE.openEditor(page, run, NeuroLensUi.RESULT_EDITOR, true);
        } catch (PartInitException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
        }
        if (page.findView(NeuroLensUi.ATTRIBUTION_VIEW) instanceof AttributionView view) {
            view.show(run);
        }
    }

    /**
     * The settings that explain the same images with the same model again, with {@code methods}
     * and {@code target}: each image from its original file when it still exists, else from the
     * picture the run kept; parameters as the run had them for methods it ran.
     */
    static ExplainSettings again(Run run, Path runFolder, List<String> methods, Target target) {
        RunRecord r = run.record();
        IFile model = ResourcesPlugin.getWorkspace().getRoot().getFile(IPath.fromPortableString(r.model()));
        List<Path> images = new ArrayList<>();
        for (RunRecord.ImageEntry i : r.images()) {
            Path source = Path.of(i.source());
            images.add(Files.isRegularFile(source) ? source : runFolder.resolve(i.picture()));
        }
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        for (String m : methods) {
            parameters.put(m, r.parameters().getOrDefault(m, Map.of()));
        }
        return new ExplainSettings(model, images, methods, parameters, target,
                r.layer().isEmpty() ? Optional.empty() : Optional.of(r.layer()));
    }
}
