package dev.neurolens.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The headless NeuroLens command line: starts an embedded OSGi framework with the same bundles
 * that run in Eclipse, and hands the arguments to the {@code dev.neurolens.cli} bundle.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    /** Runs a command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit status (0 success, 1 failure, 2 usage error). */
    static int run(String[] args) {
        LauncherConfig config = LauncherConfig.fromEnvironment(launcherDir());
        Handler log;
        try {
            log = FileLogging.install(config.logFile());
        } catch (java.io.IOException e) {
            System.err.println("neurolens: error: cannot write the log file " + config.logFile() + ": " + e.getMessage());
            return 1;
        }
        System.setProperty("neurolens.home", config.home().toString());
        System.setProperty("neurolens.cache", config.cacheDir().toString());
        System.setProperty("neurolens.log", config.logFile().toString());
        try {
            List<Path> jars = config.bundleJars();
            if (jars.isEmpty()) {
                System.err.println("neurolens: error: no bundles found in " + config.bundleDirs().get(0)
                        + "; build NeuroLens first: ./mvnw -DskipTests package");
                return 1;
            }
            try (OsgiRuntime runtime = OsgiRuntime.start(jars, config.cacheDir())) {
                runtime.problems().forEach(p -> LOG.warning(p));
                List<String> late = runtime.awaitDeclaredServices(5_000);
                if (!late.isEmpty()) {
                    LOG.warning("components without their services after 5 s (unsatisfied references?): " + late);
                }
                Function<String[], Integer> command = runtime.commandService(30_000);
                if (command == null) {
                    System.err.println("neurolens: error: the command-line bundle did not start; see "
                            + config.logFile());
                    LOG.severe("no command service; bundles: " + runtime.bundleStates());
                    runtime.problems().forEach(p -> System.err.println("neurolens:   " + p));
                    return 1;
                }
                return command.apply(args);
            }
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "launcher failure", e);
            System.err.println("neurolens: error: " + e.getMessage() + " (details in " + config.logFile() + ")");
            return 1;
        } finally {
            log.close();
        }
    }

    private static Path launcherDir() {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.getParent();
        } catch (java.net.URISyntaxException | SecurityException e) {
            return Path.of(".").toAbsolutePath();
        }
    }
}
