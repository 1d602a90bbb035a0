package dev.neurolens.ui.explain;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** Drives the open {@link ExplainDialog} with SWT events, as a user would. */
public final class ExplainDialogTester {
    private final ExplainDialog dialog;

    private ExplainDialogTester(ExplainDialog dialog) {
        this.dialog = dialog;
    }

    /** The Explain dialog among the open shells, if one is open. */
    public static Optional<ExplainDialogTester> find(Display display) {
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && s.isVisible() && s.getData() instanceof ExplainDialog d) {
                return Optional.of(new ExplainDialogTester(d));
            }
        }
        return Optional.empty();
    }

    /** Whether the model's classes and layers have arrived. */
    public boolean modelRead() {
        return dialog.targetCombo().getItemCount() > 1;
    }

    public Shell shell() {
        return dialog.getShell();
    }

    public List<Path> images() {
        return dialog.images();
    }

    /** The ids of the methods offered, in order. */
    public List<String> methods() {
        return java.util.Arrays.stream(dialog.methodTable().getItems())
                .map(i -> ((dev.neurolens.core.explain.Explainer) i.getData()).id()).toList();
    }

    /** Checks exactly the methods {@code ids}, with the check-box events a click sends. */
    public void checkOnly(String... ids) {
        List<String> wanted = List.of(ids);
        for (TableItem item : dialog.methodTable().getItems()) {
            boolean check = wanted.contains(((dev.neurolens.core.explain.Explainer) item.getData()).id());
            if (item.getChecked() != check) {
                item.setChecked(check);
                Event e = new Event();
                e.item = item;
                e.detail = SWT.CHECK;
                dialog.methodTable().notifyListeners(SWT.Selection, e);
            }
        }
    }

    /** Selects a method's row, which shows its parameters. */
    public void selectMethod(String id) {
        Table table = dialog.methodTable();
        for (int i = 0; i < table.getItemCount(); i++) {
            TableItem item = table.getItem(i);
            if (((dev.neurolens.core.explain.Explainer) item.getData()).id().equals(id)) {
                table.setSelection(i);
                Event e = new Event();
                e.item = item;
                table.notifyListeners(SWT.Selection, e);
                return;
            }
        }
        throw new IllegalArgumentException("no method " + id + " in the dialog");
    }

    /** The field of a parameter of the selected method. */
    public Control field(String parameter) {
        return dialog.form().field(parameter)
                .orElseThrow(() -> new IllegalArgumentException("no field for parameter " + parameter));
    }

    /** Picks a value in a choice parameter's drop-down. */
    public void choose(String parameter, String value) {
        Combo combo = (Combo) field(parameter);
        int i = combo.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException(parameter + " offers no " + value);
        }
        combo.select(i);
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /** Types into a text parameter's field (setText sends the Modify event). */
    public void type(String parameter, String value) {
        ((org.eclipse.swt.widgets.Text) field(parameter)).setText(value);
    }

    /** The target drop-down's items. */
    public List<String> targets() {
        return List.of(dialog.targetCombo().getItems());
    }

    /** Picks a target class (−1: the predicted class). */
    public void target(int classIndex) {
        dialog.targetCombo().select(classIndex + 1);
        dialog.targetCombo().notifyListeners(SWT.Selection, new Event());
    }

    public boolean layerEnabled() {
        return dialog.layerCombo().isEnabled();
    }

    /** The error shown in the title area, or {@code null}. */
    public String error() {
        return dialog.errorMessage();
    }

    public boolean explainEnabled() {
        Button ok = dialog.button(IDialogConstants.OK_ID);
        return ok != null && ok.isEnabled();
    }

    /** Clicks Explain. */
    public void explain() {
        dialog.button(IDialogConstants.OK_ID).notifyListeners(SWT.Selection, new Event());
    }

    /** Clicks Cancel. */
    public void cancel() {
        dialog.button(IDialogConstants.CANCEL_ID).notifyListeners(SWT.Selection, new Event());
    }
}
