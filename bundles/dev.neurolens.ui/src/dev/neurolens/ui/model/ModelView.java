package dev.neurolens.ui.model;

import dev.neurolens.ui.explain.Models;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;

/** The NeuroLens Model view: the structure of the model file selected anywhere in the workbench. */
public final class ModelView extends ViewPart {
    private ModelPanel panel;
    private IFile shown;
    private final ISelectionListener listener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        panel = new ModelPanel(parent);
        getSite().setSelectionProvider(panel.layers());
        getSite().getPage().addPostSelectionListener(listener);
        selectionChanged(null, getSite().getPage().getSelection());
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        IFile f = Models.modelFile(s.getFirstElement()).orElse(null);
        if (f != null && !f.equals(shown)) {
            shown = f;
            setContentDescription(f.getFullPath().toString());
            panel.load(f);
        }
    }

    /** The panel, for tests. */
    ModelPanel panel() {
        return panel;
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(listener);
        super.dispose();
    }

    @Override
    public void setFocus() {
        panel.layers().getControl().setFocus();
    }
}
