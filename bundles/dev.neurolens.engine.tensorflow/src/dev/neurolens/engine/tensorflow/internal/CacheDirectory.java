package dev.neurolens.engine.tensorflow.internal;

import java.nio.file.Path;

/**
 * NeuroLens' per-user cache folder (the same rule as the ONNX Runtime engine's): the property
 * {@code neurolens.cache}, else {@code $XDG_CACHE_HOME/neurolens}, else {@code ~/.cache/neurolens}.
 */
public final class CacheDirectory {
    /** The property that overrides the cache folder. */
    public static final String PROPERTY = "neurolens.cache";

    private CacheDirectory() {
    }

    /**
     * The cache folder (not necessarily existing yet).
     *
     * @param explicit the value of {@code neurolens.cache} where it was looked up, or {@code null}
     */
    public static Path root(String explicit) {
        String value = explicit != null ? explicit : System.getProperty(PROPERTY);
        if (value != null && !value.isBlank()) {
            return Path.of(value).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "neurolens");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "neurolens");
    }
}
