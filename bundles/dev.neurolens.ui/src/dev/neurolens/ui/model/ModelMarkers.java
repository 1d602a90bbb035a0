package dev.neurolens.ui.model;

import dev.neurolens.core.io.Sidecar;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.result.RunWriter;
import java.nio.file.Files;
import java.util.Map;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;

/**
 * Problems with a model as markers in the Problems view: an error when it cannot be opened (the
 * one-line cause: unsupported op, corrupt file, ...), a warning when it has no preprocessing
 * sidecar (images are then only scaled to [0,1] at the model's input size).
 */
public final class ModelMarkers {
    private ModelMarkers() {
    }

    /** Replaces the model's NeuroLens markers; {@code error} is the open failure, or {@code null}. */
    public static void update(IFile model, String error) {
        if (!model.exists()) {
            return;
        }
        boolean sidecar = Files.isRegularFile(Sidecar.locate(RunWriter.location(model)));
        try {
            ResourcesPlugin.getWorkspace().run(m -> {
                model.deleteMarkers(NeuroLensUi.PROBLEM_MARKER, false, IResource.DEPTH_ZERO);
                if (error != null) {
                    model.createMarker(NeuroLensUi.PROBLEM_MARKER, Map.of(IMarker.SEVERITY, IMarker.SEVERITY_ERROR,
                            IMarker.MESSAGE, error));
                } else if (!sidecar) {
                    model.createMarker(NeuroLensUi.PROBLEM_MARKER, Map.of(IMarker.SEVERITY,
                            IMarker.SEVERITY_WARNING, IMarker.MESSAGE, "no preprocessing sidecar "
                                    + Sidecar.locate(RunWriter.location(model)).getFileName()
                                    + ": images are scaled to [0,1] at the model's input size, without labels"));
                }
            }, ResourcesPlugin.getWorkspace().getRuleFactory().markerRule(model), 0, null);
        } catch (CoreException e) {
            ILog.of(ModelMarkers.class).log(e.getStatus());
        }
    }
}
