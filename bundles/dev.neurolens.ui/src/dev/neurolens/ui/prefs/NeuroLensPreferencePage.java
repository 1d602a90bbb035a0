package dev.neurolens.ui.prefs;

import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.Services;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window ▸ Preferences ▸ NeuroLens: engine, device, memory budget and default colormap. */
public final class NeuroLensPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    /** A grid page. */
    public NeuroLensPreferencePage() {
        super(GRID);
        setDescription("How NeuroLens runs models and draws attribution maps.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is created in doGetPreferenceStore
    }

    @Override
    protected IPreferenceStore doGetPreferenceStore() {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, NeuroLensUi.PLUGIN_ID);
        store.setDefault(Preferences.ENGINE, "");
        store.setDefault(Preferences.DEVICE, "cpu");
        store.setDefault(Preferences.BATCH, 0);
        store.setDefault(Preferences.COLORMAP, Preferences.AUTOMATIC);
        return store;
    }

    @Override
    protected void createFieldEditors() {
        List<String[]> engines = new ArrayList<>();
        engines.add(new String[] {"Automatic (the first engine that accepts the model)", ""});
        try (Services services = Services.open()) {
            for (ModelAdapter a : services.adapters()) {
                engines.add(new String[] {a.displayName(), a.id()});
            }
        }
        addField(new ComboFieldEditor(Preferences.ENGINE, "&Engine:", engines.toArray(String[][]::new),
                getFieldEditorParent()));
        addField(new RadioGroupFieldEditor(Preferences.DEVICE, "&Device", 2, new String[][] {
            {"CPU", "cpu"}, {"GPU (falls back to CPU, with a message, when none is found)", "gpu"}},
                getFieldEditorParent(), true));
        IntegerFieldEditor batch = new IntegerFieldEditor(Preferences.BATCH,
                "&Memory budget (images per engine call, 0 = each method's default):", getFieldEditorParent());
        batch.setValidRange(0, 4096);
        addField(batch);
        List<String[]> colormaps = new ArrayList<>();
        colormaps.add(new String[] {"Automatic (diverging for signed maps)", Preferences.AUTOMATIC});
        for (Colormap c : Colormap.values()) {
            colormaps.add(new String[] {c.displayName(), c.displayName()});
        }
        addField(new ComboFieldEditor(Preferences.COLORMAP, "Default &colormap:",
                colormaps.toArray(String[][]::new), getFieldEditorParent()));
    }
}
