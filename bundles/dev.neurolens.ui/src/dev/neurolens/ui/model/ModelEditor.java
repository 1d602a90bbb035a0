package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * The editor of model files: the model's structure ({@link ModelPanel}), the layers in the
 * Outline view and the selected layer's op, shapes and attributes in the Properties view.
 * Read-only.
 */
public final class ModelEditor extends EditorPart {
    private ModelPanel panel;
    private LayerOutlinePage outline;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput)) {
            throw new PartInitException("the NeuroLens model editor opens workspace files");
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
    }

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

    private IFile file() {
        return ((IFileEditorInput) getEditorInput()).getFile();
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
    public void doSave(IProgressMonitor monitor) {
        // read-only
    }

    @Override
    public void doSaveAs() {
        // read-only
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        panel.layers().getControl().setFocus();
    }
}
