package dev.neurolens.ui;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.ui.model.ModelSessions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The NeuroLens services the workbench uses — the same {@link ModelAdapter} and {@link Explainer}
 * services the command line gets from Declarative Services. Open it for as long as the services
 * are used (a tracker holding a service keeps its component active), then close it.
 */
public final class Services implements AutoCloseable {
    private final ServiceTracker<ModelAdapter, ModelAdapter> adapters;
    private final ServiceTracker<Explainer, Explainer> explainers;
    private final ServiceTracker<ModelSessions, ModelSessions> sessions;

    private Services(BundleContext context) {
        adapters = new ServiceTracker<>(context, ModelAdapter.class, null);
        explainers = new ServiceTracker<>(context, Explainer.class, null);
        sessions = new ServiceTracker<>(context, ModelSessions.class, null);
        adapters.open();
        explainers.open();
        sessions.open();
    }

    /**
     * Starts tracking the services.
     *
     * @throws IllegalStateException if the UI bundle is not active
     */
    public static Services open() {
        Bundle bundle = FrameworkUtil.getBundle(Services.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("the NeuroLens UI bundle is not active");
        }
        return new Services(context);
    }

    /** Waits up to {@code millis} for a model engine; whether there is one. */
    public boolean awaitAdapter(long millis) throws InterruptedException {
        return adapters.waitForService(millis) != null;
    }

    /** The installed model engines, highest {@code service.ranking} first. */
    public List<ModelAdapter> adapters() {
        ServiceReference<ModelAdapter>[] refs = adapters.getServiceReferences();
        if (refs == null) {
            return List.of();
        }
        return Arrays.stream(refs).sorted(Comparator.reverseOrder()).map(adapters::getService)
                .filter(a -> a != null).toList();
    }

    /** The installed explanation methods, by id. */
    public List<Explainer> explainers() {
        Explainer[] all = explainers.getServices(new Explainer[0]);
        return Arrays.stream(all).sorted(Comparator.comparing(Explainer::id)).toList();
    }

    /** The installed methods that produce attribution maps, by id. */
    public List<Explainer> attributionExplainers() {
        return explainers().stream().filter(e -> e.kind() == ExplanationKind.ATTRIBUTION_MAP).toList();
    }

    /** The method with that id, if installed. */
    public Optional<Explainer> explainer(String id) {
        return explainers().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The open models kept between jobs.
     *
     * @throws IllegalStateException if the UI bundle is stopping
     */
    public ModelSessions sessions() {
        ModelSessions s = sessions.getService();
        if (s == null) {
            throw new IllegalStateException("the NeuroLens UI bundle is stopping");
        }
        return s;
    }

    @Override
    public void close() {
        sessions.close();
        explainers.close();
        adapters.close();
    }
}
