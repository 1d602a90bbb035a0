package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;

/** Reads the NeuroLens Model view. */
public final class ModelViewTester {
    private final ModelView view;

    /** A tester for {@code part}, if it is the Model view. */
    public static Optional<ModelViewTester> of(IViewPart part) {
        return part instanceof ModelView v ? Optional.of(new ModelViewTester(v)) : Optional.empty();
    }

    private ModelViewTester(ModelView view) {
        this.view = view;
    }

    /** The model shown, or {@code null}. */
    public ModelInfo info() {
        return view.panel().info();
    }

    public int tableRows() {
        return view.panel().layers().getTable().getItemCount();
    }

    /** Selects layer {@code layer} in the layers table, as a click does. */
    public void select(LayerInfo layer) {
        view.panel().layers().setSelection(new StructuredSelection(layer), true);
    }

    /** The rows of the units table: unit, description, PMI, exemplar strip; empty while it is hidden. */
    public List<List<String>> unitRows() {
        List<List<String>> rows = new ArrayList<>();
        if (!view.panel().units().getControl().getVisible()) {
            return rows;
        }
        for (TableItem item : view.panel().units().getTable().getItems()) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < view.panel().units().getTable().getColumnCount(); c++) {
                row.add(item.getText(c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Whether descriptions were found for the model shown. */
    public boolean hasDescriptions() {
        return view.panel().descriptions().isPresent();
    }

    /** The line above the units table. */
    public String descriptionsNote() {
        return view.panel().descriptionsNote();
    }
}
