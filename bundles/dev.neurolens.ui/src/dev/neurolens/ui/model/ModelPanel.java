package dev.neurolens.ui.model;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.ui.NeuroLensUi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PlatformUI;

/**
 * A model's structure: a summary (format, engine, opset, producer, inputs, outputs,
 * preprocessing) over a table of its layers (node name, op, output shapes, parameter count).
 * Used by the model editor and the NeuroLens Model view; the table is their selection provider,
 * so the Properties view shows the selected layer. When {@code neurolens describe} wrote unit
 * descriptions for the model ({@link UnitDescriptions}), a second table lists the selected layer's
 * units with their description, PMI and exemplar strip.
 */
final class ModelPanel {
    private final Composite root;
    private final Label summary;
    private final TableViewer layers;
    private final Label unitsTitle;
    private final TableViewer units;
    private final List<Consumer<ModelInfo>> listeners = new ArrayList<>();
    private ModelInfo info;
    private Optional<UnitDescriptions> descriptions = Optional.empty();

    ModelPanel(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(root);
        summary = new Label(root, SWT.WRAP);
        summary.setText("Select an .onnx model to see its structure.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        layers = new TableViewer(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        layers.getTable().setHeaderVisible(true);
        layers.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(layers.getControl());
        column("#", 50, l -> Integer.toString(info.layers().indexOf(l)));
        column("Layer", 260, LayerInfo::name);
        column("Op", 140, LayerInfo::opType);
        column("Output shape", 200, l -> TensorInfo.shapes(l.outputs()));
        column("Parameters", 100, l -> l.parameterCount() == 0 ? "" : String.format("%,d", l.parameterCount()));
        layers.setContentProvider(ArrayContentProvider.getInstance());
        unitsTitle = new Label(root, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(unitsTitle);
        units = new TableViewer(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        units.getTable().setHeaderVisible(true);
        units.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 160).applyTo(units.getControl());
        unitColumn("Unit", 60, u -> Integer.toString(u.unit()));
        unitColumn("Description", 320, UnitDescriptions.Unit::description);
        unitColumn("PMI", 80, u -> String.format(Locale.ROOT, "%.3f", u.pmi()));
        unitColumn("Exemplars", 400, u -> u.picture().map(Object::toString).orElse(""));
        units.setContentProvider(ArrayContentProvider.getInstance());
        layers.addSelectionChangedListener(e -> showUnits());
        showDescriptions(Optional.empty(), "");
        PlatformUI.getWorkbench().getHelpSystem().setHelp(root, NeuroLensUi.HELP_MODEL);
    }

    private void column(String title, int width, Function<LayerInfo, String> text) {
        column(layers, title, width, LayerInfo.class, text);
    }

    private void unitColumn(String title, int width, Function<UnitDescriptions.Unit, String> text) {
        column(units, title, width, UnitDescriptions.Unit.class, text);
    }

    private static <T> void column(TableViewer table, String title, int width, Class<T> type,
            Function<T, String> text) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return type.isInstance(element) ? text.apply(type.cast(element)) : "";
            }
        });
    }

    /** Reads {@code model} in the background and shows it. */
    void load(IFile model) {
        summary.setText("Reading " + model.getName() + "...");
        layers.setInput(List.of());
        try {
            Optional<UnitDescriptions> found = UnitDescriptions.find(model);
            showDescriptions(found, found.map(d -> "Unit descriptions from " + d.source()
                    + "; select a layer to see its units.").orElse(""));
        } catch (NeuroLensException e) {
            showDescriptions(Optional.empty(), "Unit descriptions not shown: " + e.getMessage());
        }
        ModelInfoJob.load(model, root, this::show, message -> {
            info = null;
            summary.setText(message);
            root.layout(true, true);
        });
    }

    private void show(ModelInfo loaded) {
        info = loaded;
        String producer = loaded.producer().isEmpty() ? "" : ", written by " + loaded.producer();
        summary.setText(String.format("%s model on %s, opset %d%s; %,d parameters in %d layers%n"
                + "Inputs: %s%nOutputs: %s%nPreprocessing: %s", loaded.format(), loaded.engine(),
                loaded.opsetVersion(), producer, loaded.parameterCount(), loaded.layers().size(),
                describe(loaded.inputs()), describe(loaded.outputs()), loaded.preprocessing()));
        layers.setInput(loaded.layers());
        root.layout(true, true);
        listeners.forEach(l -> l.accept(loaded));
    }

    /** Shows the units table (and its title line) only when there are descriptions or a message about them. */
    private void showDescriptions(Optional<UnitDescriptions> found, String title) {
        descriptions = found;
        unitsTitle.setText(title);
        setShown(unitsTitle, !title.isEmpty());
        setShown(units.getControl(), found.isPresent());
        showUnits();
        root.layout(true, true);
    }

    private static void setShown(Control c, boolean shown) {
        c.setVisible(shown);
        ((GridData) c.getLayoutData()).exclude = !shown;
    }

    private void showUnits() {
        List<UnitDescriptions.Unit> shown = List.of();
        if (descriptions.isPresent() && layers.getStructuredSelection() instanceof IStructuredSelection s
                && s.getFirstElement() instanceof LayerInfo layer) {
            shown = descriptions.get().of(layer);
        }
        units.setInput(shown);
    }

    /** Calls {@code listener} with every model shown from now on. */
    void onLoaded(Consumer<ModelInfo> listener) {
        listeners.add(listener);
    }

    private static String describe(List<TensorInfo> tensors) {
        return tensors.stream().map(TensorInfo::toString).collect(Collectors.joining("; "));
    }

    /** The model shown, or {@code null} while none is loaded. */
    ModelInfo info() {
        return info;
    }

    TableViewer layers() {
        return layers;
    }

    /** The table of the selected layer's described units. */
    TableViewer units() {
        return units;
    }

    /** The line above the units table: where the descriptions come from, or why they are not shown. */
    String descriptionsNote() {
        return unitsTitle.getText();
    }

    /** The unit descriptions found for the model shown. */
    Optional<UnitDescriptions> descriptions() {
        return descriptions;
    }

    Control control() {
        return root;
    }
}
