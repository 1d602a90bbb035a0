package dev.neurolens.tests.install.probe;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.ExecutionDevice;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A headless application run inside the product that p2 installed NeuroLens into: it reports
 * what an installed NeuroLens looks like from inside — bundle states, the engine and explainer
 * services that Declarative Services registered, and one prediction through the installed native
 * fragment — to the file named by {@code -Dneurolens.install.report}, for the install test to
 * check. Waits (at most 30 s) until the explainers named by {@code -Dneurolens.install.expect}
 * are registered. The model and its input come from {@code -Dneurolens.install.model} and
 * {@code -Dneurolens.install.input}.
 */
public final class InstallCheck implements IApplication {
    private static final long WAIT_MILLIS = 30_000;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Path reportFile = Path.of(System.getProperty("neurolens.install.report"));
        Properties report = new Properties();
        try {
            check(FrameworkUtil.getBundle(InstallCheck.class).getBundleContext(), report);
        } catch (Exception | LinkageError e) {
            report.setProperty("error", e.toString());
        }
        StringWriter text = new StringWriter();
        report.store(text, "NeuroLens install check");
        Files.writeString(reportFile, text.toString(), StandardCharsets.UTF_8);
        return IApplication.EXIT_OK;
    }

    private static void check(BundleContext context, Properties report) throws IOException, InterruptedException {
        Set<String> expected = new TreeSet<>(Arrays.asList(System.getProperty("neurolens.install.expect", "")
                .split(",")));
        try (Tracked<Explainer> explainers = new Tracked<>(context, Explainer.class);
                Tracked<ModelAdapter> adapters = new Tracked<>(context, ModelAdapter.class)) {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (!ids(explainers.services()).containsAll(expected) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            adapters.tracker.waitForService(Math.max(1, deadline - System.currentTimeMillis()));
            // bundle states after the services appeared: lazy bundles are STARTING until a class loads
            TreeMap<String, String> states = new TreeMap<>();
            for (Bundle b : context.getBundles()) {
                if (b.getSymbolicName().startsWith("dev.neurolens.")) {
                    states.put(b.getSymbolicName(), state(b.getState()));
                }
            }
            states.forEach((name, state) -> report.setProperty("bundle." + name, state));
            report.setProperty("explainers", String.join(",", ids(explainers.services())));
            List<ModelAdapter> engines = adapters.services();
            report.setProperty("engines", engines.stream().map(ModelAdapter::id).sorted()
                    .collect(Collectors.joining(",")));
            Path model = Path.of(System.getProperty("neurolens.install.model"));
            // the engine for the model file (a TensorFlow adapter accepts SavedModel folders only)
            engines.stream().filter(e -> e.accepts(model)).findFirst().ifPresent(e -> {
                try {
                    predict(e, report);
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            });
        }
    }

    /** One prediction: proves the engine found its natives in the installed fragment. */
    private static void predict(ModelAdapter engine, Properties report) throws IOException {
        Path model = Path.of(System.getProperty("neurolens.install.model"));
        Path input = Path.of(System.getProperty("neurolens.install.input"));
        ModelOptions gpu = new ModelOptions("gpu", 1, java.util.Optional.empty(), java.util.Optional.empty());
        try (LoadedModel m = engine.open(model, gpu)) {
            int top = m.predict(Npy.read(input)).argMax();
            report.setProperty("predicted", m.info().preprocessing().labels().get(top));
            m.capability(ExecutionDevice.class).ifPresent(d -> report.setProperty("device", d.toString()));
        }
    }

    private static Set<String> ids(List<Explainer> explainers) {
        return explainers.stream().map(Explainer::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "STATE-" + state;
        };
    }

    @Override
    public void stop() {
        // runs to completion on its own
    }

    /** An open service tracker, closed at the end. */
    private static final class Tracked<T> implements AutoCloseable {
        final ServiceTracker<T, T> tracker;
        private final Class<T> type;

        Tracked(BundleContext context, Class<T> type) {
            this.type = type;
            this.tracker = new ServiceTracker<>(context, type, null);
            tracker.open();
        }

        List<T> services() {
            Object[] all = tracker.getServices();
            return all == null ? List.of() : Arrays.stream(all).map(type::cast).toList();
        }

        @Override
        public void close() {
            tracker.close();
        }
    }
}
