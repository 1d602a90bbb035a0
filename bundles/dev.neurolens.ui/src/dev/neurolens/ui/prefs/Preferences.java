package dev.neurolens.ui.prefs;

import dev.neurolens.core.io.Colormap;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.ui.NeuroLensUi;
import java.util.Optional;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IPreferencesService;

/**
 * The workspace preferences of NeuroLens (Window ▸ Preferences ▸ NeuroLens), read with their
 * defaults.
 *
 * @param engine the id of the preferred {@link dev.neurolens.core.model.ModelAdapter}, or
 *     {@code ""} for the first that accepts the model
 * @param device {@code cpu} or {@code gpu} (engines fall back to CPU and say so)
 * @param batch rows per engine call (the memory budget of the methods), 0 for each method's default
 * @param colormap the heatmap colours, or empty for the automatic choice (diverging for signed maps)
 */
public record Preferences(String engine, String device, int batch, Optional<Colormap> colormap) {
    /** Preference key of {@link #engine}. */
    public static final String ENGINE = "engine";
    /** Preference key of {@link #device}. */
    public static final String DEVICE = "device";
    /** Preference key of {@link #batch}. */
    public static final String BATCH = "batch";
    /** Preference key of {@link #colormap}. */
    public static final String COLORMAP = "colormap";
    /** The value of {@link #COLORMAP} that means "choose by the map's values". */
    public static final String AUTOMATIC = "auto";

    /** The current workspace preferences. */
    public static Preferences current() {
        IPreferencesService s = Platform.getPreferencesService();
        String id = NeuroLensUi.PLUGIN_ID;
        String cm = s.getString(id, COLORMAP, AUTOMATIC, null);
        Optional<Colormap> colormap;
        try {
            colormap = cm.equals(AUTOMATIC) ? Optional.empty() : Optional.of(Colormap.parse(cm));
        } catch (RuntimeException e) {
            colormap = Optional.empty();
        }
        String device = s.getString(id, DEVICE, "cpu", null);
        return new Preferences(s.getString(id, ENGINE, "", null), device.equals("gpu") ? "gpu" : "cpu",
                Math.max(0, s.getInt(id, BATCH, 0, null)), colormap);
    }

    /** Options for opening a model with these preferences. */
    public ModelOptions modelOptions() {
        return new ModelOptions(device, 0, Optional.empty(), Optional.empty());
    }
}
