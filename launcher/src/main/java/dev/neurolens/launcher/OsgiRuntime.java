package dev.neurolens.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An embedded Apache Felix with the NeuroLens bundles installed and started.
 *
 * <p>Each run gets its own, fresh framework storage (a temporary folder under the cache, removed
 * at {@link #close()}), so that two commands running at once never share state. Bundles are
 * installed by reference ({@code reference:file:}), so nothing large is copied.
 */
final class OsgiRuntime implements AutoCloseable {
    /** The service the CLI bundle registers: arguments in, exit code out. */
    static final String COMMAND_FILTER = "(&(objectClass=java.util.function.Function)(neurolens.command=main))";

    private final Framework framework;
    private final Path storage;
    private final List<String> problems = new ArrayList<>();
    private ServiceTracker<Object, Object> commandTracker;

    private OsgiRuntime(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /** Starts Felix, installs {@code jars} and starts every bundle that is not a fragment. */
    static OsgiRuntime start(List<Path> jars, Path cacheDir) throws IOException, BundleException {
        Files.createDirectories(cacheDir);
        Path storage = Files.createTempDirectory(cacheDir, "osgi-");
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Equinox in Eclipse delegates these to the JDK; an embedded Felix does not unless told.
        // protobuf and gson look for sun.misc.Unsafe; JNA and DJL touch com.sun.jna is embedded.
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*,jdk.internal.*");
        config.put("felix.log.logger", new FrameworkLog());
        config.put("felix.log.level", "2");
        config.put("neurolens.cache", cacheDir.toString());
        Framework fw = new Felix(config);
        OsgiRuntime runtime = new OsgiRuntime(fw, storage);
        try {
            fw.start();
            runtime.installAndStart(jars);
        } catch (BundleException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void installAndStart(List<Path> jars) {
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        Map<String, String> platform = PlatformFilter.current();
        for (Path jar : jars) {
            try {
                Bundle b = ctx.installBundle("reference:" + jar.toUri());
                if (!PlatformFilter.fits(b.getHeaders().get(PlatformFilter.HEADER), platform)) {
                    // another platform's native fragment: Felix ignores the header, so skip it here
                    b.uninstall();
                    continue;
                }
                Path earlier = seen.putIfAbsent(b.getSymbolicName(), jar);
                if (earlier != null && !earlier.equals(jar)) {
                    problems.add("bundle " + b.getSymbolicName() + " is installed twice: " + earlier + " and " + jar);
                }
                installed.add(b);
            } catch (BundleException e) {
                problems.add("cannot install " + jar + ": " + e.getMessage());
            }
        }
        // SCR first, so that components of the other bundles are found as they start.
        installed.sort(Comparator.comparing((Bundle b) -> !"org.apache.felix.scr".equals(b.getSymbolicName())));
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start(Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException e) {
                problems.add("cannot start " + b.getSymbolicName() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Waits until every started bundle has registered the services its DS components declare, at
     * most {@code millis}; returns the bundles still short of them.
     */
    List<String> awaitDeclaredServices(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<String> missing;
        do {
            missing = new ArrayList<>();
            for (Bundle b : framework.getBundleContext().getBundles()) {
                int declared = DeclaredServices.count(b);
                if (declared == 0 || (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                    continue;
                }
                var registered = b.getRegisteredServices();
                int have = registered == null ? 0 : registered.length;
                if (have < declared) {
                    missing.add(b.getSymbolicName() + " (" + have + " of " + declared + " services)");
                }
            }
            if (missing.isEmpty()) {
                return missing;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        return missing;
    }

    /** Install and start failures, one line each (also logged by the framework). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The symbolic names and states of all bundles, for diagnostics. */
    List<String> bundleStates() {
        return Stream.of(framework.getBundleContext().getBundles())
                .map(b -> b.getSymbolicName() + " " + b.getVersion() + " " + state(b.getState())).toList();
    }

    private static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.STARTING -> "STARTING (lazy)";
            default -> "state " + s;
        };
    }

    /**
     * Waits up to {@code millis} for the CLI's command service. The tracker stays open until
     * {@link #close()}: releasing the service would let SCR deactivate the (delayed) component,
     * unbinding its engines and methods while the command runs.
     */
    @SuppressWarnings("unchecked")
    Function<String[], Integer> commandService(long millis) throws InterruptedException {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(COMMAND_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(), filter, null);
        tracker.open(true);
        commandTracker = tracker;
        return (Function<String[], Integer>) tracker.waitForService(millis);
    }

    @Override
    public void close() {
        if (commandTracker != null) {
            commandTracker.close();
        }
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            deleteTree(storage);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a stale temporary folder in the cache is harmless
        }
    }
}
