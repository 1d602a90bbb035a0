package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.ui.ReadOnlyEditor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * The editor of model files: the model's structure ({@link ModelPanel}), the layers in the
 * Outline view and the selected layer's op, shapes and attributes in the Properties view.
 * Read-only.
 */
public final class ModelEditor extends ReadOnlyEditor {
    private ModelPanel panel;
    private LayerOutlinePage outline;

    @Override
    public void createPartControl(Composite parent) {
        panel = new ModelPanel(parent);
        getSite().setSelectionProvider(panel.layers());
        panel.layers().addSelectionChangedListener(e -> {
            if (outline != null) {
                outline.reveal(e.getStructuredSelection());
            }
        });
        panel.load(file());
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IContentOutlinePage.class) {
            if (outline == null) {
                outline = new LayerOutlinePage(this::select);
                outline.setInput(panel.info());
                panel.onLoaded(outline::setInput);
            }
            return adapter.cast(outline);
        }
        return super.getAdapter(adapter);
    }

    private void select(IStructuredSelection selection) {
        if (selection.getFirstElement() instanceof LayerInfo l) {
            panel.layers().setSelection(new StructuredSelection(l), true);
        }
    }

    /** The panel, for tests. */
    ModelPanel panel() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.layers().getControl().setFocus();
    }
}
