package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.ReadOnlyEditor;
import org.eclipse.core.resources.IFile;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.statushandlers.StatusManager;

/**
 * The editor of an explanation run ({@code run.nlrun}): one editor per run, reopenable from the
 * file in the Project Explorer. Choosing another class or method re-runs the explanation and the
 * editor switches to the new run's file. Nothing here is edited, so it is never dirty.
 */
public final class ResultEditor extends ReadOnlyEditor {
    private RunDisplay display;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        super.init(site, input);
        updateName(file());
    }

    @Override
    public void createPartControl(Composite parent) {
        display = new RunDisplay(parent, this::switchTo);
        show(file());
    }

    private void switchTo(IFile newRun) {
        if (show(newRun)) {
            setInputWithNotify(new FileEditorInput(newRun));
            updateName(newRun);
        }
    }

    private boolean show(IFile run) {
        try {
            display.show(run);
            return true;
        } catch (NeuroLensException e) {
            StatusManager.getManager().handle(NeuroLensUi.error("cannot show " + run.getFullPath(), e),
                    StatusManager.SHOW | StatusManager.LOG);
            return false;
        }
    }

    private void updateName(IFile run) {
        setPartName(run.getParent().getName());
        setTitleToolTip(run.getFullPath().toString());
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
    public void setFocus() {
        display.panel().control().setFocus();
    }
}
