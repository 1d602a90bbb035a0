package dev.neurolens.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the launcher finds its bundles and where it keeps caches and logs.
 *
 * <ul>
 *   <li>home: the NeuroLens installation (system property {@code neurolens.home}; the
 *       {@code ./neurolens} script sets it to the project folder), holding the bundled models and
 *       images used by {@code demo};</li>
 *   <li>bundles: the runtime bundle set ({@code neurolens.bundles}, default {@code bundles/} next to
 *       the launcher jar);</li>
 *   <li>plugins: third-party bundles, from {@code $NEUROLENS_PLUGINS} (path-separated list),
 *       {@code <home>/plugins} and {@code ~/.neurolens/plugins};</li>
 *   <li>cache: {@code neurolens.cache}, else {@code $XDG_CACHE_HOME/neurolens}, else
 *       {@code ~/.cache/neurolens}: extracted natives, the OSGi framework's storage, logs.</li>
 * </ul>
 *
 * @param home the installation folder
 * @param bundleDirs folders whose {@code *.jar} files are installed, in order
 * @param cacheDir the cache folder
 * @param logFile the log file
 */
record LauncherConfig(Path home, List<Path> bundleDirs, Path cacheDir, Path logFile) {

    static LauncherConfig fromEnvironment(Path launcherJarDir) {
        Map<String, String> env = System.getenv();
        // the launcher lives in <home>/launcher/target; the ./neurolens script passes the home explicitly
        Path home = Path.of(System.getProperty("neurolens.home", launcherJarDir.getParent().getParent().toString()))
                .toAbsolutePath().normalize();
        Path bundles = Path.of(System.getProperty("neurolens.bundles", launcherJarDir.resolve("bundles").toString()));
        List<Path> dirs = new ArrayList<>();
        dirs.add(bundles);
        String extra = env.get("NEUROLENS_PLUGINS");
        if (extra != null && !extra.isBlank()) {
            for (String p : extra.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        dirs.add(home.resolve("plugins"));
        dirs.add(Path.of(System.getProperty("user.home"), ".neurolens", "plugins"));
        Path cache = cacheDir(env);
        return new LauncherConfig(home, dirs.stream().distinct().toList(), cache,
                cache.resolve("logs").resolve("neurolens.log"));
    }

    private static Path cacheDir(Map<String, String> env) {
        String explicit = System.getProperty("neurolens.cache");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("neurolens").toAbsolutePath();
    }

    /** The bundle jars to install: every {@code *.jar} of every existing bundle folder, sorted per folder. */
    List<Path> bundleJars() throws java.io.IOException {
        List<Path> jars = new ArrayList<>();
        for (Path dir : bundleDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        return jars;
    }
}
