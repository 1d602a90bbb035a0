package dev.neurolens.ui.result;

import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;

/** Reads and drives a {@link ResultEditor} with SWT events. */
public final class ResultEditorTester {
    private final ResultEditor editor;

    /** A tester for {@code part}, if it is a result editor. */
    public static Optional<ResultEditorTester> of(IEditorPart part) {
        return part instanceof ResultEditor e ? Optional.of(new ResultEditorTester(e)) : Optional.empty();
    }

    private ResultEditorTester(ResultEditor editor) {
        this.editor = editor;
    }

    private ResultPanel panel() {
        return editor.panel();
    }

    public IFile runFile() {
        return editor.runFile();
    }

    public Control control() {
        return panel().control();
    }

    public String image() {
        return panel().state().image();
    }

    public String method() {
        return panel().state().method();
    }

    public int targetClass() {
        return panel().state().targetClass();
    }

    public String targetLabel() {
        return panel().state().targetLabel();
    }

    public boolean signed() {
        return panel().state().signed();
    }

    public int opacity() {
        return panel().state().opacity();
    }

    public Colormap colormap() {
        return panel().state().colormap();
    }

    /** The map drawn, one value per pixel. */
    public Optional<Tensor> heatmap() {
        return panel().state().plane();
    }

    /** The methods the run computed. */
    public List<String> runMethods() {
        return panel().run().record().methods();
    }

    /** The class labels in the predictions table, best first. */
    public List<String> predictionRows() {
        return java.util.Arrays.stream(panel().predictions().getItems()).map(i -> i.getText(0)).toList();
    }

    /** Picks a method in the method drop-down, by id. */
    public void method(String id) {
        Combo c = panel().methodCombo();
        for (int i = 0; i < c.getItemCount(); i++) {
            if (c.getItem(i).equals(id) || c.getItem(i).equals(id + " (compute)")) {
                select(c, i);
                return;
            }
        }
        throw new IllegalArgumentException("no method " + id + " offered: " + List.of(c.getItems()));
    }

    /** Picks a target class (−1: the predicted class). */
    public void target(int classIndex) {
        select(panel().targetCombo(), classIndex + 1);
    }

    /** Picks signed or absolute values. */
    public void signed(boolean signed) {
        select(panel().valuesCombo(), signed ? 0 : 1);
    }

    /** Picks a colormap. */
    public void colormap(Colormap c) {
        select(panel().colormapCombo(), c.ordinal() + 1);
    }

    /** Moves the opacity slider. */
    public void opacity(int percent) {
        panel().opacityScale().setSelection(percent);
        panel().opacityScale().notifyListeners(SWT.Selection, new Event());
    }

    private static void select(Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }
}
