package dev.neurolens.ui;

import dev.neurolens.ui.model.ModelSessions;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Owns what lives as long as the UI bundle: the {@link ModelSessions} cache, registered as a
 * service (jobs reach it through {@link Services#sessions()}) and told about workspace changes so
 * that it drops models whose file or sidecar changed.
 */
public final class UiBundle implements BundleActivator {
    private ModelSessions sessions;
    private ServiceRegistration<ModelSessions> registration;
    private IWorkspace workspace;

    @Override
    public void start(BundleContext context) {
        sessions = new ModelSessions();
        try {
            workspace = ResourcesPlugin.getWorkspace();
            workspace.addResourceChangeListener(sessions, IResourceChangeEvent.POST_CHANGE);
        } catch (IllegalStateException e) {
            workspace = null; // no workspace (a headless application): no files can change under the cache
        }
        registration = context.registerService(ModelSessions.class, sessions, null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        if (workspace != null) {
            workspace.removeResourceChangeListener(sessions);
        }
        sessions.close();
    }
}
