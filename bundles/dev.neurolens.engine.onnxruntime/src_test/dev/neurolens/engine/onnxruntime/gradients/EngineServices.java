package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.engine.onnxruntime.OnnxRuntimeModelAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The engine as the product uses it: the {@link ModelAdapter} service that DS registers (as the
 * engine's own tests get it), kept alive until {@link #close()}. Models open with one intra-op
 * thread, so that test timings do not depend on the machine's core count.
 */
final class EngineServices implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final ServiceTracker<ModelAdapter, ModelAdapter> tracker;
    private final ModelAdapter adapter;

    private EngineServices(ServiceTracker<ModelAdapter, ModelAdapter> tracker, ModelAdapter adapter) {
        this.tracker = tracker;
        this.adapter = adapter;
    }

    static EngineServices start() throws BundleException, InterruptedException {
        Bundle bundle = FrameworkUtil.getBundle(OnnxRuntimeModelAdapter.class);
        if (bundle == null) {
            throw new IllegalStateException("not running inside OSGi");
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start(Bundle.START_TRANSIENT);
        }
        ServiceTracker<ModelAdapter, ModelAdapter> tracker =
                new ServiceTracker<>(bundle.getBundleContext(), ModelAdapter.class, null);
        tracker.open();
        ModelAdapter adapter = tracker.waitForService(TIMEOUT_MILLIS);
        if (adapter == null) {
            tracker.close();
            throw new IllegalStateException("no ModelAdapter service after " + TIMEOUT_MILLIS + " ms (is SCR running?)");
        }
        return new EngineServices(tracker, adapter);
    }

    LoadedModel open(Path model) {
        return adapter.open(model, ModelOptions.defaults().withThreads(1));
    }

    /** The repository's models folder ({@code -Dneurolens.models}, set by the pom). */
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
        tracker.close();
    }
}
