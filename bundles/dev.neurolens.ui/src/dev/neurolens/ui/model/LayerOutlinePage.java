package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import java.util.function.Consumer;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** The model's layers in the Outline view, in graph order; selecting one selects it in the editor. */
final class LayerOutlinePage extends ContentOutlinePage {
    private final Consumer<IStructuredSelection> onSelect;
    private ModelInfo info;
    private boolean syncing;

    LayerOutlinePage(Consumer<IStructuredSelection> onSelect) {
        this.onSelect = onSelect;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return input instanceof ModelInfo m ? m.layers().toArray() : ArrayContentProvider.getInstance()
                        .getElements(input);
            }

            @Override
            public Object[] getChildren(Object parentElement) {
                return new Object[0];
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return false;
            }
        });
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof LayerInfo l ? l.name() + " : " + l.opType() : String.valueOf(element);
            }
        });
        if (info != null) {
            viewer.setInput(info);
        }
    }

    /** Shows the layers of {@code model} ({@code null}: nothing yet). */
    void setInput(ModelInfo model) {
        info = model;
        if (getTreeViewer() != null && !getTreeViewer().getControl().isDisposed() && model != null) {
            getTreeViewer().setInput(model);
        }
    }

    /** Selects the editor's selection without reporting it back. */
    void reveal(IStructuredSelection selection) {
        if (getTreeViewer() == null || syncing) {
            return;
        }
        syncing = true;
        try {
            getTreeViewer().setSelection(selection, true);
        } finally {
            syncing = false;
        }
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (!syncing) {
            syncing = true;
            try {
                onSelect.accept(event.getStructuredSelection());
            } finally {
                syncing = false;
            }
        }
    }
}
