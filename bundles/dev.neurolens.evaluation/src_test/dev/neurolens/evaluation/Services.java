package dev.neurolens.evaluation;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The engine and the explanation methods as the CLI gets them: DS services of the engine, the
 * attribution and the Grad-CAM bundles. The trackers stay open until {@link #close()}, so that DS
 * keeps the components alive.
 */
final class Services implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 20_000;
    private static final Set<String> BUNDLES = Set.of("dev.neurolens.engine.onnxruntime", "dev.neurolens.attribution",
            "dev.neurolens.gradcam");

    private final ServiceTracker<ModelAdapter, ModelAdapter> adapters;
    private final ServiceTracker<Explainer, Explainer> explainers;
    private final ModelAdapter adapter;

    private Services(ServiceTracker<ModelAdapter, ModelAdapter> adapters, ServiceTracker<Explainer, Explainer> explainers,
            ModelAdapter adapter) {
        this.adapters = adapters;
        this.explainers = explainers;
        this.adapter = adapter;
    }

    static Services start() throws Exception {
        Bundle self = FrameworkUtil.getBundle(Services.class);
        if (self == null) {
            throw new IllegalStateException("not running inside OSGi");
        }
        if (self.getState() != Bundle.ACTIVE) {
            self.start(Bundle.START_TRANSIENT);
        }
        BundleContext context = self.getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (BUNDLES.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                b.start(Bundle.START_TRANSIENT);
            }
        }
        ServiceTracker<ModelAdapter, ModelAdapter> adapters = new ServiceTracker<>(context, ModelAdapter.class, null);
        adapters.open();
        ServiceTracker<Explainer, Explainer> explainers = new ServiceTracker<>(context, Explainer.class, null);
        explainers.open();
        ModelAdapter adapter = adapters.waitForService(TIMEOUT_MILLIS);
        if (adapter == null) {
            adapters.close();
            explainers.close();
            throw new IllegalStateException("no ModelAdapter service after " + TIMEOUT_MILLIS + " ms (is SCR running?)");
        }
        return new Services(adapters, explainers, adapter);
    }

    /** The explainers with these ids, in this order (waiting for DS to register them). */
    List<Explainer> methods(String... ids) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        while (true) {
            List<Explainer> all = List.of(explainers.getServices(new Explainer[0]));
            List<Explainer> found = java.util.Arrays.stream(ids)
                    .map(id -> all.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null)).toList();
            if (!found.contains(null)) {
                return found;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("explainers missing after " + TIMEOUT_MILLIS + " ms; have "
                        + all.stream().map(Explainer::id).toList());
            }
            Thread.sleep(50);
        }
    }

    LoadedModel open(Path model) {
        return adapter.open(model, ModelOptions.defaults().withThreads(2));
    }

    /** Opens files with the given preprocessing, as the evaluation opens randomized models. */
    ModelOpener opener() {
        return (file, pre) -> adapter.open(file, ModelOptions.defaults().withThreads(2).withPreprocessing(pre));
    }

    static Path model(String fileName) {
        Path p = Path.of(System.getProperty("neurolens.models", "../../models")).toAbsolutePath().normalize()
                .resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test file missing: " + p);
        }
        return p;
    }

    @Override
    public void close() {
        explainers.close();
        adapters.close();
    }
}
