package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.ui.NeuroLensUi;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.statushandlers.StatusManager;

/**
 * The editor of an explanation run ({@code run.nlrun}): one editor per run, reopenable from the
 * file in the Project Explorer. Choosing another class or method re-runs the explanation and the
 * editor switches to the new run's file. Nothing here is edited, so it is never dirty.
 */
public final class ResultEditor extends EditorPart {
    private RunDisplay display;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput)) {
            throw new PartInitException("NeuroLens explanations open from workspace files (run.nlrun)");
        }
        setSite(site);
        setInput(input);
        updateName(((IFileEditorInput) input).getFile());
    }

    @Override
    public void createPartControl(Composite parent) {
        display = new RunDisplay(parent, this::switchTo);
        IFile file = ((IFileEditorInput) getEditorInput()).getFile();
        try {
            display.show(file);
        } catch (NeuroLensException e) {
            StatusManager.getManager().handle(NeuroLensUi.error("cannot show " + file.getFullPath(), e),
                    StatusManager.SHOW | StatusManager.LOG);
        }
    }

    private void switchTo(IFile newRun) {
        try {
            display.show(newRun);
            setInputWithNotify(new FileEditorInput(newRun));
            updateName(newRun);
        } catch (NeuroLensException e) {
            StatusManager.getManager().handle(NeuroLensUi.error("cannot show " + newRun.getFullPath(), e),
                    StatusManager.SHOW | StatusManager.LOG);
        }
    }

    private void updateName(IFile file) {
        setPartName(file.getParent().getName());
        setTitleToolTip(file.getFullPath().toString());
    }

    /** The panel, for tests. */
    ResultPanel panel() {
        return display.panel();
    }

    /** The run file shown. */
    public IFile runFile() {
        return display.file();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // results are written by the explanation job; nothing to save
    }

    @Override
    public void doSaveAs() {
        // not offered: isSaveAsAllowed() is false
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
        display.panel().control().setFocus();
    }
}
