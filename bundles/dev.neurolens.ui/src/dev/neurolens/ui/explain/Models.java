package dev.neurolens.ui.explain;

import dev.neurolens.ui.NeuroLensUi;
import java.util.Optional;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.content.IContentDescription;

/**
 * Recognizes model files by the content type the bundle declares, and TensorFlow SavedModel
 * folders by their {@code saved_model.pb}.
 */
public final class Models {
    private Models() {
    }

    /** The graph file of a TensorFlow SavedModel folder. */
    public static final String SAVED_MODEL = "saved_model.pb";

    /**
     * The model file a selected element stands for: a model file itself, or the
     * {@code saved_model.pb} of a SavedModel folder (the TensorFlow engine opens its folder).
     * Empty for anything else, and for files that are not in the local file system.
     */
    public static Optional<IFile> modelFile(Object element) {
        IFile file = Adapters.adapt(element, IFile.class);
        if (file == null) {
            IContainer folder = Adapters.adapt(element, IContainer.class);
            file = folder == null ? null : savedModel(folder);
        }
        return file != null && file.exists() && file.getLocation() != null && isModel(file) ? Optional.of(file)
                : Optional.empty();
    }

    /** The {@code saved_model.pb} of {@code folder}, or {@code null} if it has none (it is no SavedModel). */
    public static IFile savedModel(IContainer folder) {
        IFile pb = folder.getFile(org.eclipse.core.runtime.IPath.fromPortableString(SAVED_MODEL));
        return folder.exists() && pb.exists() ? pb : null;
    }

    /** Whether {@code file} is a model: the ONNX content type, or a SavedModel's {@code saved_model.pb}. */
    public static boolean isModel(IFile file) {
        // a TensorFlow SavedModel's graph file: the TensorFlow engine opens its folder
        if (file.getName().equals(SAVED_MODEL)) {
            return true;
        }
        try {
            IContentDescription d = file.getContentDescription();
            return d != null && d.getContentType() != null
                    && NeuroLensUi.ONNX_CONTENT_TYPE.equals(d.getContentType().getId());
        } catch (CoreException e) {
            return file.getName().endsWith(".onnx");
        }
    }
}
