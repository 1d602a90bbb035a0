package dev.neurolens.engine.onnxruntime;

import dev.neurolens.core.model.ModelAdapter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Gets the adapter the way the CLI and the workbench do: as a service that DS registered. The
 * tracker stays open until {@link #close()}, so that DS keeps the (delayed) component alive.
 */
public final class AdapterServices implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final ServiceTracker<ModelAdapter, ModelAdapter> tracker;
    private final ModelAdapter adapter;

    private AdapterServices(ServiceTracker<ModelAdapter, ModelAdapter> tracker, ModelAdapter adapter) {
        this.tracker = tracker;
        this.adapter = adapter;
    }

    /** Starts the engine bundle if needed and waits for its adapter service. */
    public static AdapterServices track() throws BundleException, InterruptedException {
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
        return new AdapterServices(tracker, adapter);
    }

    /** The adapter DS registered. */
    public ModelAdapter adapter() {
        return adapter;
    }

    @Override
    public void close() {
        tracker.close();
    }
}
