package dev.neurolens.ui.prefs;

import java.util.Optional;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Drives the NeuroLens Preprocessing property page in its open Properties dialog. */
public final class PreprocessingPageTester {
    private final Shell shell;
    private final PreprocessingPropertyPage page;

    private PreprocessingPageTester(Shell shell, PreprocessingPropertyPage page) {
        this.shell = shell;
        this.page = page;
    }

    /** The page, if a Properties dialog shows it. */
    public static Optional<PreprocessingPageTester> find(Display display) {
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && s.getData() instanceof PreferenceDialog d
                    && d.getSelectedPage() instanceof PreprocessingPropertyPage p) {
                return Optional.of(new PreprocessingPageTester(s, p));
            }
        }
        return Optional.empty();
    }

    /** The text of a sidecar key's field (text fields and drop-downs). */
    public String value(String key) {
        Control c = page.field(key);
        return c instanceof Text t ? t.getText() : ((org.eclipse.swt.widgets.Combo) c).getText();
    }

    /** Types into a text field. */
    public void type(String key, String value) {
        ((Text) page.field(key)).setText(value);
    }

    /** The page's error, or {@code null}. */
    public String error() {
        return page.getErrorMessage();
    }

    public boolean valid() {
        return page.isValid();
    }

    /** Clicks the dialog's OK (Apply and Close) button. */
    public void ok() {
        press(IDialogConstants.OK_ID);
    }

    /** Clicks Cancel. */
    public void cancel() {
        press(IDialogConstants.CANCEL_ID);
    }

    private void press(int id) {
        Button b = button(shell, id);
        if (b == null) {
            throw new IllegalStateException("no button " + id + " in the Properties dialog");
        }
        b.notifyListeners(SWT.Selection, new Event());
    }

    private static Button button(Composite parent, int id) {
        for (Control c : parent.getChildren()) {
            if (c instanceof Button b && Integer.valueOf(id).equals(b.getData())) {
                return b;
            }
            if (c instanceof Composite child) {
                Button found = button(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
