package dev.neurolens.ui.explain;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.Services;
import dev.neurolens.ui.result.Results;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.statushandlers.StatusManager;

/**
 * NeuroLens ▸ Explain... on a model file: asks for images and methods ({@link ExplainDialog}),
 * then runs an {@link ExplainJob} that opens the result editor when done. Image files selected
 * together with the model start out in the dialog's image list.
 */
public final class ExplainHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Selection selection = Selection.of(HandlerUtil.getCurrentSelection(event));
        if (selection.model().isEmpty()) {
            StatusManager.getManager().handle(new Status(IStatus.INFO, NeuroLensUi.PLUGIN_ID,
                    "NeuroLens: select an .onnx model file or a TensorFlow SavedModel folder in the Project Explorer "
                    + "to explain it."),
                    StatusManager.SHOW);
            return null;
        }
        List<Explainer> methods;
        try (Services services = Services.open()) {
            methods = services.attributionExplainers();
        }
        ExplainDialog dialog = new ExplainDialog(HandlerUtil.getActiveShellChecked(event), selection.model().get(),
                methods, selection.images());
        if (dialog.open() == Window.OK) {
            dialog.settings().ifPresent(s -> new ExplainJob(s, Results::show).schedule());
        }
        return null;
    }

    /**
     * The model and the images of a selection.
     *
     * @param model the first model file selected
     * @param images the image files selected, in order
     */
    record Selection(Optional<IFile> model, List<Path> images) {
        static Selection of(ISelection selection) {
            IFile model = null;
            List<Path> images = new ArrayList<>();
            if (selection instanceof IStructuredSelection s) {
                for (Object o : s.toList()) {
                    Optional<IFile> m = Models.modelFile(o);
                    if (model == null && m.isPresent()) {
                        model = m.get();
                        continue;
                    }
                    IFile f = Adapters.adapt(o, IFile.class);
                    if (f == null || f.getLocation() == null) {
                        continue;
                    }
                    if (ExplainDialog.isImage(f.getName())) {
                        images.add(f.getLocation().toPath());
                    }
                }
            }
            return new Selection(Optional.ofNullable(model), images);
        }
    }
}
