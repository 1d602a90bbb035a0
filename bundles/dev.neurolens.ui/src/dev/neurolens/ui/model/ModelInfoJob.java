package dev.neurolens.ui.model;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.ModelAdapters;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.Services;
import dev.neurolens.ui.prefs.Preferences;
import dev.neurolens.ui.result.RunWriter;
import java.util.function.Consumer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;

/**
 * Reads a model's structure in the background (opening a model loads the engine, which takes a
 * moment) and hands it to a control's owner on the UI thread. Also keeps the file's problem
 * markers current ({@link ModelMarkers}).
 */
public final class ModelInfoJob extends Job {
    private static final long ENGINE_WAIT_MILLIS = 10_000;

    private final IFile model;
    private final Control owner;
    private final Consumer<ModelInfo> loaded;
    private final Consumer<String> failed;

    private ModelInfoJob(IFile model, Control owner, Consumer<ModelInfo> loaded, Consumer<String> failed) {
        super("Reading " + model.getName());
        this.model = model;
        this.owner = owner;
        this.loaded = loaded;
        this.failed = failed;
        setSystem(true);
    }

    /**
     * Schedules reading {@code model} for {@code owner}. On the UI thread, unless {@code owner}
     * was disposed meanwhile, {@code loaded} receives the model, or {@code failed} the one-line
     * cause why it could not be read.
     */
    public static ModelInfoJob load(IFile model, Control owner, Consumer<ModelInfo> loaded,
            Consumer<String> failed) {
        ModelInfoJob job = new ModelInfoJob(model, owner, loaded, failed);
        job.schedule();
        return job;
    }

    @Override
    public boolean belongsTo(Object family) {
        return NeuroLensUi.JOB_FAMILY.equals(family);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ModelInfo info = null;
        String error = null;
        try (Services services = Services.open()) {
            if (!services.awaitAdapter(ENGINE_WAIT_MILLIS)) {
                throw new NeuroLensException("no model engine is installed");
            }
            Preferences prefs = Preferences.current();
            try (ModelSessions.Lease lease = services.sessions().acquire(model, prefs.modelOptions(),
                    () -> ModelAdapters.open(services.adapters(), RunWriter.location(model), prefs.modelOptions()))) {
                info = lease.model().info();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } catch (RuntimeException | LinkageError e) {
            error = NeuroLensUi.error("cannot open " + model.getName(), e).getMessage();
        }
        ModelMarkers.update(model, error);
        deliver(info, error);
        return Status.OK_STATUS;
    }

    private void deliver(ModelInfo info, String error) {
        if (owner.isDisposed()) {
            return;
        }
        owner.getDisplay().asyncExec(() -> {
            if (owner.isDisposed()) {
                return;
            }
            if (info != null) {
                loaded.accept(info);
            } else {
                failed.accept(error);
            }
        });
    }
}
