package dev.neurolens.testing;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The ONNX Runtime engine as the CLI gets it, for the method bundles' tests: a {@link ModelAdapter}
 * service registered by DS. The tracker stays open until {@link #close()}, so that DS keeps the
 * component alive. Test files are found through the {@code neurolens.models} system property.
 */
public final class Engine implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 20_000;
    private static final String ENGINE = "dev.neurolens.engine.onnxruntime";

    private final ServiceTracker<ModelAdapter, ModelAdapter> tracker;
    private final ServiceTracker<Explainer, Explainer> explainers;
    private final ModelAdapter adapter;

    private Engine(ServiceTracker<ModelAdapter, ModelAdapter> tracker, ServiceTracker<Explainer, Explainer> explainers,
            ModelAdapter adapter) {
        this.tracker = tracker;
        this.explainers = explainers;
        this.adapter = adapter;
    }

    /**
     * Starts the engine bundle if needed and waits for its service.
     *
     * @throws IllegalStateException if not inside OSGi or no engine appears within 20 s
     */
    public static Engine start() throws Exception {
        return start(Set.of());
    }

    /**
     * Like {@link #start()}, and also starts the named bundles (e.g. method bundles whose
     * explainers the test uses) and tracks their {@link Explainer} services.
     */
    public static Engine start(Set<String> bundles) throws Exception {
        Bundle self = FrameworkUtil.getBundle(Engine.class);
        if (self == null) {
            throw new IllegalStateException("not running inside OSGi");
        }
        if (self.getState() != Bundle.ACTIVE) {
            self.start(Bundle.START_TRANSIENT);
        }
        BundleContext context = self.getBundleContext();
        for (Bundle b : context.getBundles()) {
            if ((b.getSymbolicName().equals(ENGINE) || bundles.contains(b.getSymbolicName()))
                    && b.getState() != Bundle.ACTIVE) {
                b.start(Bundle.START_TRANSIENT);
            }
        }
        ServiceTracker<ModelAdapter, ModelAdapter> tracker = new ServiceTracker<>(context, ModelAdapter.class, null);
        tracker.open();
        ServiceTracker<Explainer, Explainer> explainers = new ServiceTracker<>(context, Explainer.class, null);
        explainers.open();
        ModelAdapter adapter = tracker.waitForService(TIMEOUT_MILLIS);
        if (adapter == null) {
            explainers.close();
            tracker.close();
            throw new IllegalStateException("no ModelAdapter service after " + TIMEOUT_MILLIS + " ms (is SCR running?)");
        }
        return new Engine(tracker, explainers, adapter);
    }

    /** The engine's service. */
    public ModelAdapter adapter() {
        return adapter;
    }

    /** The engine service with this id (e.g. {@code tensorflow}), waiting for DS to register it. */
    public ModelAdapter adapter(String id) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        while (true) {
            for (ModelAdapter a : tracker.getServices(new ModelAdapter[0])) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no ModelAdapter '" + id + "' after " + TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }

    /** The explainers with these ids, in this order (waiting for DS to register them). */
    public List<Explainer> methods(String... ids) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        while (true) {
            List<Explainer> all = List.of(explainers.getServices(new Explainer[0]));
            List<Explainer> found = Arrays.stream(ids)
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

    /** Opens a model with the defaults and 2 threads. */
    public LoadedModel open(Path model) {
        return adapter.open(model, ModelOptions.defaults().withThreads(2));
    }

    /** The bundled models folder. */
    public static Path models() {
        return Path.of(System.getProperty("neurolens.models", "../../models")).toAbsolutePath().normalize();
    }

    /** The bundled ResNet-20. */
    public static Path resnet20() {
        return model("resnet20_cifar10.onnx");
    }

    /** A file of the bundled models folder. */
    public static Path model(String fileName) {
        return existing(models().resolve(fileName));
    }

    /** The preprocessed chelsea photo for ResNet-20, as {@code .npy}. */
    public static Path chelseaInput() {
        return existing(models().resolve("resnet20_cifar10.chelsea.input.npy"));
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test file missing: " + p);
        }
        return p;
    }

    @Override
    public void close() {
        explainers.close();
        tracker.close();
    }
}
