package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import java.util.Optional;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.ui.views.properties.IPropertySource;

/** Reads and drives a {@link ModelEditor}. */
public final class ModelEditorTester {
    private final ModelEditor editor;

    /** A tester for {@code part}, if it is a model editor. */
    public static Optional<ModelEditorTester> of(IEditorPart part) {
        return part instanceof ModelEditor e ? Optional.of(new ModelEditorTester(e)) : Optional.empty();
    }

    private ModelEditorTester(ModelEditor editor) {
        this.editor = editor;
    }

    /** The model shown, or {@code null} while it is read. */
    public ModelInfo info() {
        return editor.panel().info();
    }

    public int tableRows() {
        return editor.panel().layers().getTable().getItemCount();
    }

    public Control control() {
        return editor.panel().control();
    }

    /** Selects layer {@code i} in the table, as a click does. */
    public LayerInfo select(int i) {
        LayerInfo l = info().layers().get(i);
        editor.panel().layers().setSelection(new StructuredSelection(l), true);
        return l;
    }

    /** The selected layer's property, as the Properties view gets it through the adapter factory. */
    public String property(LayerInfo layer, String key) {
        IPropertySource source = Adapters.adapt(layer, IPropertySource.class);
        return source == null ? null : String.valueOf(source.getPropertyValue(key));
    }

    /** The editor's Outline page. */
    public IContentOutlinePage outline() {
        return editor.getAdapter(IContentOutlinePage.class);
    }
}
