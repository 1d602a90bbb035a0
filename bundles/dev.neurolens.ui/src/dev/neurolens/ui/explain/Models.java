package dev.neurolens.ui.explain;

import dev.neurolens.ui.NeuroLensUi;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.content.IContentDescription;

/** Recognizes model files by the content type the bundle declares. */
public final class Models {
    private Models() {
    }

    /** Whether {@code file} has the ONNX model content type. */
    public static boolean isModel(IFile file) {
        try {
            IContentDescription d = file.getContentDescription();
            return d != null && d.getContentType() != null
                    && NeuroLensUi.ONNX_CONTENT_TYPE.equals(d.getContentType().getId());
        } catch (CoreException e) {
            return file.getName().endsWith(".onnx");
        }
    }
}
