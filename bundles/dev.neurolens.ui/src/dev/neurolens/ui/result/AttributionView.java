package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.ui.NeuroLensUi;
import org.eclipse.core.resources.IFile;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.statushandlers.StatusManager;

/**
 * The NeuroLens Attribution view: the latest explanation, with the same controls as the result
 * editor (switch image, method and class; opacity, colours, signed or absolute values).
 */
public final class AttributionView extends ViewPart {
    private Composite stack;
    private StackLayout layout;
    private Label empty;
    private RunDisplay display;

    @Override
    public void createPartControl(Composite parent) {
        stack = new Composite(parent, SWT.NONE);
        layout = new StackLayout();
        stack.setLayout(layout);
        empty = new Label(stack, SWT.WRAP);
        empty.setText("Right-click an .onnx model and choose NeuroLens > Explain... to see its attribution here.");
        display = new RunDisplay(stack, this::show);
        layout.topControl = empty;
    }

    /** Shows a run file. */
    public void show(IFile run) {
        try {
            display.show(run);
            layout.topControl = display.panel().control();
            setContentDescription(run.getParent().getName());
            stack.layout();
        } catch (NeuroLensException e) {
            StatusManager.getManager().handle(NeuroLensUi.error("cannot show " + run.getFullPath(), e),
                    StatusManager.SHOW | StatusManager.LOG);
        }
    }

    /** The display, for tests. */
    RunDisplay display() {
        return display;
    }

    @Override
    public void setFocus() {
        stack.setFocus();
    }
}
