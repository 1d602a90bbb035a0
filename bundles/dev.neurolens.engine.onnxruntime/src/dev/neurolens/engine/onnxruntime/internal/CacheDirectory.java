package dev.neurolens.engine.onnxruntime.internal;

import java.nio.file.Path;

/**
 * NeuroLens' per-user cache folder: the system property {@code neurolens.cache}, else
 * {@code $XDG_CACHE_HOME/neurolens}, else {@code ~/.cache/neurolens}.
 */
public final class CacheDirectory {

    /** The system property that overrides the cache folder. */
    public static final String PROPERTY = "neurolens.cache";

    private CacheDirectory() {
    }

    /** The cache folder (not necessarily existing yet), from the system property or the environment. */
    public static Path root() {
        return root(System.getProperty(PROPERTY));
    }

    /**
     * The cache folder (not necessarily existing yet).
     *
     * @param explicit the value of {@code neurolens.cache} where it was looked up (e.g. a framework
     *     property), or {@code null}
     */
    public static Path root(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        // the XDG spec says to ignore relative paths
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "neurolens");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "neurolens");
    }
}
