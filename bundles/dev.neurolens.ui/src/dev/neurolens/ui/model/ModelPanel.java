package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.ui.NeuroLensUi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PlatformUI;

/**
 * A model's structure: a summary (format, engine, opset, producer, inputs, outputs,
 * preprocessing) over a table of its layers (node name, op, output shapes, parameter count).
 * Used by the model editor and the NeuroLens Model view; the table is their selection provider,
 * so the Properties view shows the selected layer.
 */
final class ModelPanel {
    private final Composite root;
    private final Label summary;
    private final TableViewer layers;
    private final List<Consumer<ModelInfo>> listeners = new ArrayList<>();
    private ModelInfo info;

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
        PlatformUI.getWorkbench().getHelpSystem().setHelp(root, NeuroLensUi.HELP_MODEL);
    }

    private void column(String title, int width, java.util.function.Function<LayerInfo, String> text) {
        TableViewerColumn c = new TableViewerColumn(layers, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return element instanceof LayerInfo l ? text.apply(l) : "";
            }
        });
    }

    /** Reads {@code model} in the background and shows it. */
    void load(IFile model) {
        summary.setText("Reading " + model.getName() + "...");
        layers.setInput(List.of());
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

    Control control() {
        return root;
    }
}
