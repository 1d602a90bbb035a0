package dev.neurolens.ui.explain;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ParameterDescriptor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The parameter fields of one method at a time, built from its {@link ParameterDescriptor}s:
 * a check box for booleans, a drop-down for choices, a text field for numbers and text (checked
 * with the descriptor's own validation). Values are kept per method while the user switches
 * between methods.
 */
final class ParameterForm {
    private final Group group;
    private final Runnable onChange;
    private final Map<String, Map<String, String>> values = new HashMap<>();
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private Explainer shown;

    ParameterForm(Composite parent, Runnable onChange) {
        this.onChange = onChange;
        group = new Group(parent, SWT.NONE);
        group.setText("Parameters");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(group);
        new Label(group, SWT.NONE).setText("Select a method to see its parameters.");
    }

    /** The group holding the fields. */
    Group control() {
        return group;
    }

    /** Sets an initial value (e.g. from the preferences) used when the method's form is first built. */
    void preset(Explainer method, String name, String value) {
        if (method.parameters().stream().anyMatch(d -> d.name().equals(name))) {
            valuesOf(method).put(name, value);
        }
    }

    /** Shows the fields of {@code method}. */
    void show(Explainer method) {
        for (Control c : group.getChildren()) {
            c.dispose();
        }
        fields.clear();
        shown = method;
        group.setText("Parameters of " + method.displayName());
        Map<String, String> current = valuesOf(method);
        if (method.parameters().isEmpty()) {
            new Label(group, SWT.NONE).setText(method.displayName() + " has no parameters.");
        }
        for (ParameterDescriptor d : method.parameters()) {
            Label label = new Label(group, SWT.NONE);
            label.setText(d.name() + ":");
            label.setToolTipText(tooltip(d));
            Control field = field(d, current);
            field.setToolTipText(tooltip(d));
            GridDataFactory.fillDefaults().grab(true, false).applyTo(field);
            fields.put(d.name(), field);
        }
        group.getParent().layout(true, true);
    }

    private Control field(ParameterDescriptor d, Map<String, String> current) {
        String value = current.get(d.name());
        switch (d.type()) {
            case BOOLEAN -> {
                Button check = new Button(group, SWT.CHECK);
                check.setSelection(Boolean.parseBoolean(value));
                check.addListener(SWT.Selection, e -> set(d, Boolean.toString(check.getSelection())));
                return check;
            }
            case CHOICE -> {
                Combo combo = new Combo(group, SWT.READ_ONLY | SWT.DROP_DOWN);
                combo.setItems(d.choices().toArray(String[]::new));
                combo.select(Math.max(0, d.choices().indexOf(value)));
                combo.addListener(SWT.Selection, e -> set(d, combo.getText()));
                return combo;
            }
            default -> {
                Text text = new Text(group, SWT.BORDER | SWT.SINGLE);
                text.setText(value);
                text.setMessage(d.defaultValue());
                text.addListener(SWT.Modify, e -> set(d, text.getText().trim()));
                return text;
            }
        }
    }

    private static String tooltip(ParameterDescriptor d) {
        StringBuilder sb = new StringBuilder(d.description());
        if (d.min().isPresent() || d.max().isPresent()) {
            sb.append("\nRange: ").append(d.min().map(ParameterForm::number).orElse("-inf")).append(" to ")
                    .append(d.max().map(ParameterForm::number).orElse("inf"));
        }
        return sb.append("\nDefault: ").append(d.defaultValue()).toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void set(ParameterDescriptor d, String value) {
        valuesOf(shown).put(d.name(), value);
        onChange.run();
    }

    private Map<String, String> valuesOf(Explainer method) {
        return values.computeIfAbsent(method.id(), id -> {
            Map<String, String> defaults = new LinkedHashMap<>();
            method.parameters().forEach(d -> defaults.put(d.name(), d.defaultValue()));
            return defaults;
        });
    }

    /** The values of {@code method}'s parameters (defaults where the user changed nothing). */
    Map<String, String> values(Explainer method) {
        return Map.copyOf(valuesOf(method));
    }

    /** The field of parameter {@code name} of the method shown, if any. */
    Optional<Control> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The first invalid value among {@code methods}, as a message naming method and parameter. */
    Optional<String> error(List<Explainer> methods) {
        for (Explainer m : methods) {
            Map<String, String> v = valuesOf(m);
            for (ParameterDescriptor d : m.parameters()) {
                Optional<String> e = d.validate(v.getOrDefault(d.name(), d.defaultValue()));
                if (e.isPresent()) {
                    return Optional.of(m.displayName() + ": " + e.get());
                }
            }
        }
        return Optional.empty();
    }
}
