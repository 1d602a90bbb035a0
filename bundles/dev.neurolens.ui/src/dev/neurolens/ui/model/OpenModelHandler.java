package dev.neurolens.ui.model;

import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.explain.Models;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.statushandlers.StatusManager;

/** NeuroLens ▸ Show Model Structure: opens the selected model files or SavedModel folders in the model editor. */
public final class OpenModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s)) {
            return null;
        }
        for (Object o : s.toList()) {
            IFile f = Models.modelFile(o).orElse(null);
            if (f != null) {
                try {
                    IDE.openEditor(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), f,
                            NeuroLensUi.MODEL_EDITOR, true);
                } catch (PartInitException e) {
                    StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
                }
            }
        }
        return null;
    }
}
