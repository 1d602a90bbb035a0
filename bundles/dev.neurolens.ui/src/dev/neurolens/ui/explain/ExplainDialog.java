package dev.neurolens.ui.explain;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.model.ModelInfoJob;
import dev.neurolens.ui.prefs.Preferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.ResourceSelectionDialog;

/**
 * The Explain dialog: images (from the workspace or the file system), one or more attribution
 * methods with their parameters, the class to explain and, for layer methods, the layer. The
 * model's classes and layers are read in the background; until then the target is the predicted
 * class and the layer each method's default.
 */
public final class ExplainDialog extends TitleAreaDialog {
    /** File extensions offered and recognized as images. */
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final String DEFAULT_METHOD = "gradcam";

    private final IFile model;
    private final List<Explainer> methods;
    private final List<Path> images = new ArrayList<>();
    private final List<String> layerNames = new ArrayList<>();
    private org.eclipse.swt.widgets.List imageList;
    private Table methodTable;
    private ParameterForm form;
    private Combo targetCombo;
    private Combo layerCombo;
    private Label modelStatus;
    private ExplainSettings settings;
    private String error;

    /**
     * A dialog for {@code model}, offering {@code methods} (the installed attribution methods)
     * and starting with {@code initialImages}.
     */
    public ExplainDialog(Shell parent, IFile model, List<Explainer> methods, List<Path> initialImages) {
        super(parent);
        this.model = model;
        this.methods = List.copyOf(methods);
        images.addAll(initialImages);
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(true);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("NeuroLens: Explain Prediction");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Explain " + model.getName());
        setMessage("Choose images, one or more methods and the class to explain.");
        Composite c = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(false).applyTo(c);
        createImages(c);
        createMethods(c);
        form = new ParameterForm(c, this::validate);
        int batch = Preferences.current().batch();
        for (Explainer m : methods) {
            if (batch > 0) {
                form.preset(m, "batch", Integer.toString(batch));
            }
        }
        for (int i = 0; i < methodTable.getItemCount(); i++) {
            if (methodTable.getItem(i).getChecked()) {
                methodTable.setSelection(i);
                form.show((Explainer) methodTable.getItem(i).getData());
                break;
            }
        }
        createTargetAndLayer(c);
        PlatformUI.getWorkbench().getHelpSystem().setHelp(c, NeuroLensUi.HELP_EXPLAIN);
        ModelInfoJob.load(model, c, this::showModel, message -> {
            modelStatus.setText("The model could not be read.");
            setErrorMessage(message);
        });
        return area;
    }

    private void createImages(Composite parent) {
        Group g = group(parent, "Images");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(g);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(g);
        imageList = new org.eclipse.swt.widgets.List(g, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(420, imageList.getItemHeight() * 5).applyTo(imageList);
        Composite buttons = new Composite(g, SWT.NONE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        button(buttons, "&Workspace...", this::addFromWorkspace);
        button(buttons, "&File System...", this::addFromFileSystem);
        button(buttons, "&Remove", () -> {
            int[] selected = imageList.getSelectionIndices();
            for (int i = selected.length - 1; i >= 0; i--) {
                images.remove(selected[i]);
            }
            refreshImages();
        });
        refreshImages();
    }

    private void createMethods(Composite parent) {
        Group g = group(parent, "Methods");
        GridLayoutFactory.swtDefaults().applyTo(g);
        methodTable = new Table(g, SWT.BORDER | SWT.CHECK | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.SINGLE);
        int rows = Math.max(4, Math.min(8, methods.size()));
        GridDataFactory.fillDefaults().grab(true, true).hint(420, methodTable.getItemHeight() * rows)
                .applyTo(methodTable);
        for (Explainer m : methods) {
            TableItem item = new TableItem(methodTable, SWT.NONE);
            item.setText(m.displayName() + "  (" + m.id() + ")");
            item.setData(m);
            item.setChecked(m.id().equals(DEFAULT_METHOD));
        }
        if (methods.isEmpty()) {
            setErrorMessage("No attribution method is installed.");
        } else if (methods.stream().noneMatch(m -> m.id().equals(DEFAULT_METHOD))) {
            methodTable.getItem(0).setChecked(true);
        }
        methodTable.addListener(SWT.Selection, e -> {
            if (e.item instanceof TableItem item) {
                form.show((Explainer) item.getData());
                methodTable.setToolTipText(((Explainer) item.getData()).description());
            }
            validate();
        });
    }

    private void createTargetAndLayer(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(c);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText("&Target class:");
        targetCombo = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        targetCombo.setItems("Predicted class (top-1 of each image)");
        targetCombo.select(0);
        targetCombo.setToolTipText("The class whose score (pre-softmax logit) is explained");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(targetCombo);
        new Label(c, SWT.NONE).setText("&Layer:");
        layerCombo = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        layerCombo.setItems("Method default (last spatial layer before pooling)");
        layerCombo.select(0);
        layerCombo.setToolTipText("For layer methods (Grad-CAM and relatives): where the map is computed");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(layerCombo);
        modelStatus = new Label(c, SWT.NONE);
        modelStatus.setText("Reading the model's classes and layers...");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(modelStatus);
    }

    /** Fills the target and layer choices from the model. */
    private void showModel(ModelInfo info) {
        List<String> targets = new ArrayList<>(List.of(targetCombo.getItem(0)));
        int classes = classCount(info);
        for (int i = 0; i < classes; i++) {
            targets.add(i + ": " + info.preprocessing().label(i).orElse("class " + i));
        }
        targetCombo.setItems(targets.toArray(String[]::new));
        targetCombo.select(0);
        List<String> layers = new ArrayList<>(List.of(layerCombo.getItem(0)));
        layerNames.clear();
        for (LayerInfo l : info.layers()) {
            if (!l.outputs().isEmpty() && l.outputs().get(0).dims().size() == 4) {
                TensorInfo out = l.outputs().get(0);
                layerNames.add(l.name());
                layers.add(l.name() + "   " + l.opType() + " " + out.shapeString());
            }
        }
        layerCombo.setItems(layers.toArray(String[]::new));
        layerCombo.select(0);
        modelStatus.setText(info.format() + " model, " + classes + " classes, " + info.layers().size()
                + " layers; input " + info.preprocessing().width() + "x" + info.preprocessing().height());
        validate();
    }

    private static int classCount(ModelInfo info) {
        if (!info.outputs().isEmpty()) {
            List<Long> dims = info.outputs().get(0).dims();
            if (dims.size() == 2 && dims.get(1) > 0) {
                return (int) (long) dims.get(1);
            }
        }
        return info.preprocessing().labels().size();
    }

    private void addFromWorkspace() {
        ResourceSelectionDialog d = new ResourceSelectionDialog(getShell(), model.getProject(),
                "Select images (" + String.join(", ", IMAGE_EXTENSIONS) + ")");
        if (d.open() != Window.OK || d.getResult() == null) {
            return;
        }
        for (Object o : d.getResult()) {
            if (o instanceof IFile f && isImage(f.getName())) {
                addImage(f.getLocation().toPath());
            }
        }
    }

    private void addFromFileSystem() {
        FileDialog d = new FileDialog(getShell(), SWT.OPEN | SWT.MULTI);
        d.setFilterExtensions(new String[] {"*." + String.join(";*.", IMAGE_EXTENSIONS), "*"});
        if (d.open() == null) {
            return;
        }
        for (String name : d.getFileNames()) {
            addImage(Path.of(d.getFilterPath(), name));
        }
    }

    /** Adds an image file to the list (once). */
    void addImage(Path image) {
        if (!images.contains(image)) {
            images.add(image);
        }
        refreshImages();
    }

    /** Whether a file name has an image extension. */
    static boolean isImage(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private void refreshImages() {
        imageList.removeAll();
        for (Path p : images) {
            IFile f = ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(
                    org.eclipse.core.runtime.IPath.fromPath(p));
            imageList.add(f != null && f.exists() ? f.getFullPath().toString() : p.toString());
        }
        validate();
    }

    private List<Explainer> checkedMethods() {
        List<Explainer> checked = new ArrayList<>();
        for (TableItem item : methodTable.getItems()) {
            if (item.getChecked()) {
                checked.add((Explainer) item.getData());
            }
        }
        return checked;
    }

    private void validate() {
        if (methodTable == null || targetCombo == null || layerCombo == null) {
            return;
        }
        List<Explainer> checked = checkedMethods();
        layerCombo.setEnabled(checked.stream().anyMatch(Explainer::usesLayer));
        Optional<String> problem = images.isEmpty() ? Optional.of("Add at least one image.")
                : checked.isEmpty() ? Optional.of("Check at least one method.") : form.error(checked);
        setErrorMessage(problem.orElse(null));
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem.isEmpty());
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Explain", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    @Override
    protected void okPressed() {
        List<Explainer> checked = checkedMethods();
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        for (Explainer m : checked) {
            parameters.put(m.id(), form.values(m));
        }
        int t = targetCombo.getSelectionIndex();
        int l = layerCombo.getSelectionIndex();
        settings = new ExplainSettings(model, images, checked.stream().map(Explainer::id).toList(), parameters,
                t <= 0 ? Target.PREDICTED : Target.of(t - 1),
                l <= 0 || !layerCombo.isEnabled() ? Optional.empty() : Optional.of(layerNames.get(l - 1)));
        super.okPressed();
    }

    @Override
    public void setErrorMessage(String message) {
        error = message;
        super.setErrorMessage(message);
    }

    /** The error shown, or {@code null}. */
    String errorMessage() {
        return error;
    }

    Button button(int id) {
        return getButton(id);
    }

    Table methodTable() {
        return methodTable;
    }

    ParameterForm form() {
        return form;
    }

    Combo targetCombo() {
        return targetCombo;
    }

    Combo layerCombo() {
        return layerCombo;
    }

    List<Path> images() {
        return List.copyOf(images);
    }

    /** What the user chose, after the dialog was closed with Explain. */
    public Optional<ExplainSettings> settings() {
        return Optional.ofNullable(settings);
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(g);
        return g;
    }

    private static void button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(b);
    }
}
