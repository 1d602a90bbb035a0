package dev.neurolens.ui.prefs;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Sidecar;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.model.ModelInfoJob;
import dev.neurolens.ui.model.ModelMarkers;
import dev.neurolens.ui.result.RunWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;

/**
 * Properties ▸ NeuroLens Preprocessing of a model file: how images become its input (size,
 * channel order, layout, scale, mean/std, resize) and its class labels, stored in the model's
 * sidecar file ({@code docs/sidecar.md}) so that the command line reads the same. Values are
 * checked by the sidecar parser itself.
 */
public final class PreprocessingPropertyPage extends PropertyPage {
    private final Map<String, Control> fields = new LinkedHashMap<>();

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(c);
        Label intro = new Label(c, SWT.WRAP);
        intro.setText("Stored in " + Sidecar.locate(model()).getFileName() + " next to the model.");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(intro);
        text(c, "input.size", "Input &size (WxH):");
        combo(c, "input.channels", "&Channels:", "RGB", "BGR", "GRAY");
        combo(c, "input.layout", "&Layout:", "NCHW", "NHWC");
        text(c, "input.scale", "Pixel s&cale (divisor):");
        text(c, "input.mean", "&Mean per channel:");
        text(c, "input.std", "S&td per channel:");
        combo(c, "input.resize", "&Resize:", "center-crop", "stretch");
        text(c, "labels", "La&bels (comma-separated):");
        Optional<Preprocessing> existing = Optional.empty();
        try {
            existing = Sidecar.read(model());
        } catch (NeuroLensException e) {
            setErrorMessage(e.getMessage());
        }
        if (existing.isPresent()) {
            fill(existing.get());
        } else {
            fill(Preprocessing.plain(1, 1));
            ((Text) fields.get("input.size")).setText("");
            IFile file = file();
            ModelInfoJob.load(file, c, info -> {
                if (((Text) fields.get("input.size")).getText().isBlank()) {
                    fill(info.preprocessing());
                    validate();
                }
            }, message -> setMessage(message, WARNING));
        }
        validate();
        return c;
    }

    private void text(Composite c, String key, String label) {
        new Label(c, SWT.NONE).setText(label);
        Text t = new Text(c, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(t);
        t.addListener(SWT.Modify, e -> validate());
        fields.put(key, t);
    }

    private void combo(Composite c, String key, String label, String... items) {
        new Label(c, SWT.NONE).setText(label);
        Combo combo = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setItems(items);
        combo.select(0);
        combo.addListener(SWT.Selection, e -> validate());
        fields.put(key, combo);
    }

    private void fill(Preprocessing p) {
        set("input.size", p.width() + "x" + p.height());
        set("input.channels", p.channelOrder().name());
        set("input.layout", p.layout().name());
        set("input.scale", number(p.scale()));
        set("input.mean", join(p.mean()));
        set("input.std", join(p.std()));
        set("input.resize", p.resize().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        set("labels", String.join(", ", p.labels()));
    }

    private void set(String key, String value) {
        Control c = fields.get(key);
        if (c instanceof Text t) {
            t.setText(value);
        } else if (c instanceof Combo combo) {
            combo.select(Math.max(0, combo.indexOf(value)));
        }
    }

    private static String join(float[] values) {
        String[] parts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            parts[i] = number(values[i]);
        }
        return String.join(", ", parts);
    }

    private static String number(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    /** The page's values as sidecar properties (empty fields left out, so the sidecar's defaults apply). */
    private Properties properties() {
        Properties props = new Properties();
        fields.forEach((key, c) -> {
            String v = c instanceof Text t ? t.getText().trim() : ((Combo) c).getText();
            if (!v.isEmpty()) {
                props.setProperty(key, v);
            }
        });
        return props;
    }

    private Optional<Preprocessing> validate() {
        try {
            Preprocessing p = Sidecar.parse(properties(), "preprocessing", model().getParent());
            setErrorMessage(null);
            setValid(true);
            return Optional.of(p);
        } catch (NeuroLensException e) {
            setErrorMessage(e.getMessage().replaceFirst("^preprocessing: ", ""));
            setValid(false);
            return Optional.empty();
        }
    }

    @Override
    public boolean performOk() {
        Optional<Preprocessing> p = validate();
        if (p.isEmpty()) {
            return false;
        }
        try {
            Sidecar.write(p.get(), Sidecar.locate(model()));
            file().getParent().refreshLocal(IResource.DEPTH_ONE, null);
        } catch (IOException | IllegalArgumentException | CoreException e) {
            setErrorMessage(NeuroLensUi.error("cannot write the sidecar", e).getMessage());
            return false;
        }
        ModelMarkers.update(file(), null);
        return true;
    }

    @Override
    protected void performDefaults() {
        fill(Preprocessing.plain(1, 1));
        ((Text) fields.get("input.size")).setText("");
        validate();
        super.performDefaults();
    }

    private IFile file() {
        return Adapters.adapt(getElement(), IFile.class);
    }

    private Path model() {
        return RunWriter.location(file());
    }

    /** The field of a sidecar key, for tests. */
    Control field(String key) {
        return fields.get(key);
    }
}
