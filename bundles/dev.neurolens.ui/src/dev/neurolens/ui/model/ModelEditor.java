package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.ui.ReadOnlyEditor;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
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
    private final IResourceChangeListener changes = this::resourceChanged;

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
        ResourcesPlugin.getWorkspace().addResourceChangeListener(changes, IResourceChangeEvent.POST_CHANGE);
    }

    /** Reads the model again when its file changes (which also renews its markers); closes when it is deleted. */
    private void resourceChanged(IResourceChangeEvent event) {
        IResourceDelta delta = event.getDelta() == null ? null : event.getDelta().findMember(file().getFullPath());
        if (delta == null || panel.control().isDisposed()) {
            return;
        }
        boolean removed = delta.getKind() == IResourceDelta.REMOVED;
        boolean changed = (delta.getFlags() & (IResourceDelta.CONTENT | IResourceDelta.REPLACED)) != 0;
        if (removed || changed) {
            panel.control().getDisplay().asyncExec(() -> {
                if (panel.control().isDisposed()) {
                    return;
                }
                if (removed) {
                    getSite().getPage().closeEditor(this, false);
                } else {
                    panel.load(file());
                }
            });
        }
    }

    @Override
    public void dispose() {
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(changes);
        super.dispose();
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
