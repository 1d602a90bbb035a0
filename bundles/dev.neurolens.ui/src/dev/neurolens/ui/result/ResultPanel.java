package dev.neurolens.ui.result;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.ChannelReduction;
import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.core.io.Overlays;
import dev.neurolens.core.io.Scaling;
import dev.neurolens.core.model.Predictions.Prediction;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.ui.prefs.Preferences;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Shows one explanation run: the image with the heatmap over it (opacity, colormap, signed or
 * absolute values), the top predictions with their scores, and the explanation's details. The
 * image and method can be switched among those of the run; choosing another target class, or a
 * method the run did not compute, asks the owner to run the explanation again.
 */
final class ResultPanel {
    /** Asks the owner (editor or view) to explain again with other methods or another target. */
    interface Rerun {
        /** Explains the run's images again with {@code methods} for {@code target}. */
        void rerun(List<String> methods, Target target);
    }

    /**
     * What the panel shows, for tests and the status line.
     *
     * @param image the image's name
     * @param method the explainer id
     * @param targetClass the explained class
     * @param targetLabel its label
     * @param colormap the colours in use
     * @param signed whether values are shown signed (else absolute)
     * @param opacity the heatmap's weight in percent
     * @param plane the displayed map, one value per pixel, or empty when the run lacks the method
     */
    record State(String image, String method, int targetClass, String targetLabel, Colormap colormap,
            boolean signed, int opacity, Optional<Tensor> plane) {
    }

    private static final int MIN_SIDE = 256;
    private static final String AUTOMATIC = "Automatic";

    private final Composite root;
    private final Rerun rerun;
    private final List<String> installedMethods;
    private final Combo imageCombo;
    private final Combo methodCombo;
    private final Combo targetCombo;
    private final Combo colormapCombo;
    private final Combo valuesCombo;
    private final Scale opacityScale;
    private final Canvas canvas;
    private final Table predictions;
    private final Text details;
    private final List<String> methodIds = new ArrayList<>();
    private Run run;
    private Image shown;
    private State state;

    ResultPanel(Composite parent, List<String> installedMethods, Rerun rerun) {
        this.rerun = rerun;
        this.installedMethods = List.copyOf(installedMethods);
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(root);

        Composite bar = new Composite(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        RowLayout rows = new RowLayout(SWT.HORIZONTAL);
        rows.wrap = true;
        rows.center = true;
        rows.spacing = 12;
        rows.marginLeft = 0;
        bar.setLayout(rows);
        imageCombo = combo(bar, "&Image:", "The image shown");
        methodCombo = combo(bar, "&Method:", "The attribution method; a method this run lacks is computed");
        targetCombo = combo(bar, "&Target:", "The explained class; another class is computed");
        colormapCombo = combo(bar, "&Colors:", "The heatmap's colormap");
        valuesCombo = combo(bar, "&Values:", "Signed values (diverging colours around zero) or absolute values");
        valuesCombo.setItems("Signed", "Absolute");
        opacityScale = new Scale(pair(bar, "&Opacity:"), SWT.HORIZONTAL);
        opacityScale.setMinimum(0);
        opacityScale.setMaximum(100);
        opacityScale.setIncrement(5);
        opacityScale.setPageIncrement(10);
        opacityScale.setSelection(Math.round(Overlays.ALPHA * 100));
        opacityScale.setToolTipText("The heatmap's weight over the image");
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(opacityScale);
        List<String> colormaps = new ArrayList<>(List.of(AUTOMATIC));
        for (Colormap c : Colormap.values()) {
            colormaps.add(c.displayName());
        }
        colormapCombo.setItems(colormaps.toArray(String[]::new));
        colormapCombo.select(Preferences.current().colormap().map(c -> c.ordinal() + 1).orElse(0));

        SashForm sash = new SashForm(root, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        canvas = new Canvas(sash, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc));
        Composite side = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(side);
        new Label(side, SWT.NONE).setText("Top predictions");
        predictions = new Table(side, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        predictions.setHeaderVisible(true);
        predictions.setLinesVisible(true);
        for (String[] col : new String[][] {{"Class", "150"}, {"Probability", "90"}, {"Logit", "80"}}) {
            TableColumn c = new TableColumn(predictions, col[0].equals("Class") ? SWT.LEFT : SWT.RIGHT);
            c.setText(col[0]);
            c.setWidth(Integer.parseInt(col[1]));
        }
        GridDataFactory.fillDefaults().grab(true, false)
                .hint(SWT.DEFAULT, predictions.getHeaderHeight() + predictions.getItemHeight() * 5 + 4)
                .applyTo(predictions);
        predictions.setToolTipText("Double-click a class to explain it");
        predictions.addListener(SWT.DefaultSelection, e -> {
            if (e.item instanceof TableItem item && item.getData() instanceof Prediction p) {
                explainAgain(currentMethods(), Target.of(p.index()));
            }
        });
        details = new Text(side, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(details);
        sash.setWeights(65, 35);

        imageCombo.addListener(SWT.Selection, e -> render(true));
        methodCombo.addListener(SWT.Selection, e -> methodChosen());
        targetCombo.addListener(SWT.Selection, e -> targetChosen());
        colormapCombo.addListener(SWT.Selection, e -> render(false));
        valuesCombo.addListener(SWT.Selection, e -> render(false));
        opacityScale.addListener(SWT.Selection, e -> render(false));
        root.addDisposeListener(e -> disposeImage());
    }

    /** A label and its control, kept together when the tool row wraps. */
    private static Composite pair(Composite bar, String label) {
        Composite pair = new Composite(bar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(pair);
        Label l = new Label(pair, SWT.NONE);
        l.setText(label);
        GridDataFactory.defaultsFor(l).align(SWT.BEGINNING, SWT.CENTER).applyTo(l);
        return pair;
    }

    private static Combo combo(Composite bar, String label, String tip) {
        Combo c = new Combo(pair(bar, label), SWT.READ_ONLY | SWT.DROP_DOWN);
        c.setToolTipText(tip);
        return c;
    }

    Control control() {
        return root;
    }

    /** Shows {@code newRun}, keeping the image and method shown where the new run has them. */
    void show(Run newRun) {
        String image = imageCombo.getText();
        String method = methodCombo.getText();
        run = newRun;
        RunRecord r = run.record();
        imageCombo.setItems(r.images().stream().map(RunRecord.ImageEntry::name).toArray(String[]::new));
        imageCombo.select(Math.max(0, imageCombo.indexOf(image)));
        Set<String> ids = new LinkedHashSet<>(r.methods());
        ids.addAll(installedMethods);
        methodIds.clear();
        methodIds.addAll(ids);
        methodCombo.setItems(methodIds.stream().map(id -> r.methods().contains(id) ? id : id + " (compute)")
                .toArray(String[]::new));
        int m = methodIds.indexOf(method);
        methodCombo.select(m >= 0 && r.methods().contains(method) ? m : 0);
        List<String> targets = new ArrayList<>(List.of("Predicted class"));
        for (int i = 0; i < r.classes().size(); i++) {
            targets.add(i + ": " + r.classes().get(i));
        }
        targetCombo.setItems(targets.toArray(String[]::new));
        targetCombo.select(r.target().equals("top") ? 0 : Integer.parseInt(r.target()) + 1);
        setEnabled(true);
        render(true);
        for (Combo c : new Combo[] {imageCombo, methodCombo, targetCombo, colormapCombo, valuesCombo}) {
            c.getParent().layout(true);
        }
        root.layout(true, true);
    }

    private void methodChosen() {
        String id = methodIds.get(methodCombo.getSelectionIndex());
        if (run.record().methods().contains(id)) {
            render(true);
        } else {
            explainAgain(List.of(id), currentTarget());
        }
    }

    private void targetChosen() {
        explainAgain(currentMethods(), currentTarget());
    }

    private Target currentTarget() {
        int t = targetCombo.getSelectionIndex();
        return t <= 0 ? Target.PREDICTED : Target.of(t - 1);
    }

    private List<String> currentMethods() {
        String id = methodIds.get(Math.max(0, methodCombo.getSelectionIndex()));
        return List.of(id);
    }

    private void explainAgain(List<String> methods, Target target) {
        setEnabled(false);
        details.setText("Explaining with " + String.join(", ", methods) + " for "
                + (target.isPredicted() ? "the predicted class" : "class " + target.classIndex())
                + "... (progress in the Progress view)");
        rerun.rerun(methods, target);
    }

    /** Re-enables the controls after a re-run failed or was cancelled. */
    void setEnabled(boolean enabled) {
        for (Control c : new Control[] {imageCombo, methodCombo, targetCombo}) {
            c.setEnabled(enabled);
        }
    }

    /**
     * Draws the current image and method. {@code fresh}: a new map is shown, so the signed/absolute
     * choice is reset to what suits its values.
     */
    private void render(boolean fresh) {
        if (run == null) {
            return;
        }
        RunRecord.ImageEntry image = run.record().images().get(Math.max(0, imageCombo.getSelectionIndex()));
        String method = methodIds.get(Math.max(0, methodCombo.getSelectionIndex()));
        BufferedImage picture = run.picture(image);
        Optional<Run.Explained> explained = run.explained(image.name(), method);
        int opacity = opacityScale.getSelection();
        if (explained.isEmpty()) {
            state = new State(image.name(), method, -1, "", Colormap.INFERNO, false, opacity, Optional.empty());
            setImage(Heatmaps.resize(picture, side(picture.getWidth(), picture), side(picture.getHeight(), picture)));
            showPredictions(image, -1);
            details.setText("This run has no " + method + " map.");
            return;
        }
        AttributionMap map = explained.get().map();
        if (fresh) {
            valuesCombo.select(Overlays.hasNegative(Overlays.plane(map, explained.get().view(), run.layout())) ? 0 : 1);
        }
        boolean signed = valuesCombo.getSelectionIndex() == 0;
        ChannelReduction reduction = signed ? ChannelReduction.SUM
                : "max".equals(explained.get().view()) ? ChannelReduction.MAX_ABS : ChannelReduction.ABS_SUM;
        Tensor plane = Overlays.planeOf(map, reduction, run.layout());
        if (!signed) {
            plane = absolute(plane);
        }
        int cm = colormapCombo.getSelectionIndex();
        Colormap colormap = cm <= 0 ? (signed ? Colormap.SEISMIC : Colormap.INFERNO) : Colormap.values()[cm - 1];
        BufferedImage heat = Heatmaps.render(plane, colormap, signed ? Scaling.SYMMETRIC : Scaling.MIN_MAX);
        setImage(Overlays.overlay(picture, heat, side(picture.getWidth(), picture),
                side(picture.getHeight(), picture), opacity / 100f));
        state = new State(image.name(), method, map.targetClass(), map.targetLabel(), colormap, signed, opacity,
                Optional.of(plane));
        showPredictions(image, map.targetClass());
        details.setText(describe(explained.get()));
    }

    /** A side of the displayed overlay: the picture enlarged by a whole factor to at least 256 pixels. */
    private static int side(int length, BufferedImage picture) {
        int longer = Math.max(picture.getWidth(), picture.getHeight());
        return length * Math.max(1, (MIN_SIDE + longer - 1) / longer);
    }

    private static Tensor absolute(Tensor plane) {
        float[] v = plane.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        return Tensor.wrap(v, plane.shape());
    }

    private void showPredictions(RunRecord.ImageEntry image, int explained) {
        predictions.removeAll();
        for (Prediction p : image.top()) {
            TableItem item = new TableItem(predictions, SWT.NONE);
            item.setText(new String[] {(p.index() == explained ? "\u25B6 " : "") + p.index() + ": " + p.label(),
                    String.format("%.2f %%", 100 * p.probability()), String.format("%.3f", p.logit())});
            item.setData(p);
        }
    }

    private String describe(Run.Explained e) {
        Map<String, Object> d = e.details();
        AttributionMap map = e.map();
        StringBuilder sb = new StringBuilder();
        sb.append("Method: ").append(d.getOrDefault("methodName", "")).append(" (").append(d.get("method"))
                .append(")\n");
        sb.append("Target: ").append(map.targetLabel().isEmpty() ? "class " + map.targetClass()
                : map.targetLabel() + " (class " + map.targetClass() + ")");
        sb.append(", logit ").append(String.format("%.4f", map.score())).append('\n');
        if (d.get("layer") != null) {
            sb.append("Layer: ").append(d.get("layer")).append('\n');
        }
        if (map.completenessDelta().isPresent()) {
            sb.append(String.format("Completeness delta: %.3g%n", map.completenessDelta().getAsDouble()));
        }
        sb.append("Map: ").append(map.map().shapeString());
        map.upsampled().ifPresent(u -> sb.append(", upsampled ").append(u.shapeString()));
        sb.append('\n');
        if (d.get("parameters") instanceof Map<?, ?> p && !p.isEmpty()) {
            sb.append("Parameters: ").append(p.toString().replaceAll("[{}]", "")).append('\n');
        }
        if (d.get("timingsMillis") instanceof Map<?, ?> t && t.get("total") instanceof Number total) {
            sb.append(String.format("Time: %.1f ms%n", total.doubleValue()));
        }
        sb.append("Run: ").append(run.record().created());
        return sb.toString();
    }

    private void setImage(BufferedImage img) {
        disposeImage();
        shown = SwtImages.image(canvas.getDisplay(), img);
        canvas.redraw();
    }

    private void disposeImage() {
        if (shown != null) {
            shown.dispose();
            shown = null;
        }
    }

    private void paint(GC gc) {
        if (shown == null) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        Rectangle img = shown.getBounds();
        double scale = Math.min((double) area.width / img.width, (double) area.height / img.height);
        int w = Math.max(1, (int) (img.width * scale));
        int h = Math.max(1, (int) (img.height * scale));
        gc.setInterpolation(SWT.HIGH);
        gc.drawImage(shown, 0, 0, img.width, img.height, area.x + (area.width - w) / 2,
                area.y + (area.height - h) / 2, w, h);
    }

    /** What is shown now, or {@code null} before a run was shown. */
    State state() {
        return state;
    }

    /** The current run, or {@code null}. */
    Run run() {
        return run;
    }

    Combo imageCombo() {
        return imageCombo;
    }

    Combo methodCombo() {
        return methodCombo;
    }

    Combo targetCombo() {
        return targetCombo;
    }

    Combo colormapCombo() {
        return colormapCombo;
    }

    Combo valuesCombo() {
        return valuesCombo;
    }

    Scale opacityScale() {
        return opacityScale;
    }

    Table predictions() {
        return predictions;
    }
}
