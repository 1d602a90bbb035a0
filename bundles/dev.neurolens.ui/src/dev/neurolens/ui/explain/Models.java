package dev.neurolens.ui.explain;

import dev.neurolens.ui.NeuroLensUi;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.content.IContentDescription;

/** Recognizes model files by the content type the bundle declares. */
public final class Models {
    private Models() {
    }

    /** Whether {@code file} is a model: the ONNX content type, or a SavedModel's {@code saved_model.pb}. */
    public static boolean isModel(IFile file) {
        // a TensorFlow SavedModel's graph file: the TensorFlow engine opens its folder
        if (file.getName().equals("saved_model.pb")) {
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
