package dev.neurolens.ui.explain;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.io.ExplanationFiles;
import dev.neurolens.core.io.ImageBatch;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelAdapters;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Predictions;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.Services;
import dev.neurolens.ui.model.ModelSessions;
import dev.neurolens.ui.prefs.Preferences;
import dev.neurolens.ui.result.RunRecord;
import dev.neurolens.ui.result.RunWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.PlatformUI;

/**
 * Runs one explanation in the background: opens the model with the installed engine, preprocesses
 * the images, predicts, runs each method with the job's progress monitor as core's progress (so
 * Cancel stops the engine), and writes the run into the project ({@link RunWriter}). Nothing is
 * written when it is cancelled or fails; failures end the job with an error status whose message is
 * the one-line cause, which the workbench shows through the status manager.
 */
public final class ExplainJob extends Job {
    private static final long ENGINE_WAIT_MILLIS = 10_000;
    private static final int TOP_K = 5;

    private final ExplainSettings settings;
    private final Consumer<IFile> onDone;
    private volatile IFile result;

    /**
     * A job for {@code settings}; {@code onDone} receives the run file on the UI thread when it
     * succeeded.
     */
    public ExplainJob(ExplainSettings settings, Consumer<IFile> onDone) {
        super("Explaining " + settings.model().getName() + " (" + String.join(", ", settings.methods()) + ")");
        this.settings = settings;
        this.onDone = onDone;
        setUser(true);
        setPriority(LONG);
    }

    @Override
    public boolean belongsTo(Object family) {
        return NeuroLensUi.JOB_FAMILY.equals(family);
    }

    /** The run file written, once the job succeeded. */
    public Optional<IFile> result() {
        return Optional.ofNullable(result);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, getName(), 20 + 100 * settings.methods().size());
        try (Services services = Services.open()) {
            if (!services.awaitAdapter(ENGINE_WAIT_MILLIS)) {
                throw new NeuroLensException("no model engine is installed");
            }
            Preferences prefs = Preferences.current();
            sub.subTask("Opening " + settings.model().getName());
            try (ModelSessions.Lease lease = services.sessions().acquire(settings.model(), prefs.modelOptions(),
                    () -> ModelAdapters.open(preferred(services.adapters(), prefs.engine()),
                            RunWriter.location(settings.model()), prefs.modelOptions()))) {
                LoadedModel model = lease.model();
                ModelInfo info = model.info();
                ImageBatch images = ImageBatch.load(settings.images(), info.preprocessing());
                Tensor logits = model.predict(images.batch());
                sub.worked(10);
                IFolder folder = RunWriter.newFolder(settings.model());
                List<ExplanationFiles> files = new ArrayList<>();
                List<RunRecord.Entry> entries = new ArrayList<>();
                for (String id : settings.methods()) {
                    Explainer method = services.explainer(id)
                            .orElseThrow(() -> new NeuroLensException("method " + id + " is not installed"));
                    AttributionResult result = explain(model, method, images, prefs, sub.split(100), monitor);
                    for (int i = 0; i < images.names().size(); i++) {
                        ExplanationFiles f = ExplanationFiles.of(RunWriter.location(folder), info, method, result, i,
                                images.pictures().get(i), settings.target());
                        files.add(f);
                        entries.add(new RunRecord.Entry(images.names().get(i), id,
                                f.stem().getFileName() + ".json"));
                    }
                }
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                Map<String, byte[]> pictures = new LinkedHashMap<>();
                RunRecord record = record(info, images, logits, entries, pictures);
                result = RunWriter.write(folder, record, files, pictures, sub.split(10));
            }
        } catch (CancelledException | OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } catch (CoreException e) {
            return NeuroLensUi.error("NeuroLens could not write the results", e);
        } catch (RuntimeException | LinkageError e) {
            return NeuroLensUi.error("NeuroLens could not explain " + settings.model().getName(), e);
        }
        IFile done = result;
        if (PlatformUI.isWorkbenchRunning()) {
            PlatformUI.getWorkbench().getDisplay().asyncExec(() -> onDone.accept(done));
        }
        return Status.OK_STATUS;
    }

    private AttributionResult explain(LoadedModel model, Explainer method, ImageBatch images, Preferences prefs,
            SubMonitor sub, IProgressMonitor root) {
        Map<String, String> parameters = new LinkedHashMap<>(settings.parameters(method.id()));
        boolean takesBatch = method.parameters().stream().anyMatch(d -> d.name().equals("batch"));
        if (prefs.batch() > 0 && takesBatch) {
            parameters.putIfAbsent("batch", Integer.toString(prefs.batch()));
        }
        ExplanationRequest request = new ExplanationRequest(images.batch(), images.names(), settings.target(),
                method.usesLayer() ? settings.layer() : Optional.empty(), parameters);
        sub.subTask(method.displayName());
        MonitorProgress progress = new MonitorProgress(sub, root);
        Explanation explanation;
        try {
            explanation = method.explain(model, request, progress);
        } finally {
            progress.done();
        }
        if (!(explanation instanceof AttributionResult attribution)) {
            throw new NeuroLensException("method " + method.id() + " does not produce attribution maps");
        }
        return attribution;
    }

    private RunRecord record(ModelInfo info, ImageBatch images, Tensor logits, List<RunRecord.Entry> entries,
            Map<String, byte[]> pictures) {
        int classes = logits.rank() == 2 ? logits.dim(1) : logits.size();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(info.preprocessing().label(c).orElse("class " + c));
        }
        List<RunRecord.ImageEntry> imageEntries = new ArrayList<>();
        for (int i = 0; i < images.names().size(); i++) {
            String name = images.names().get(i);
            String picture = name + ".input.png";
            pictures.put(picture, Png.encode(images.pictures().get(i)));
            Tensor row = logits.rank() == 2 ? logits.slice(i) : logits;
            imageEntries.add(new RunRecord.ImageEntry(name, settings.images().get(i).toString(), picture,
                    Predictions.top(row, TOP_K, info.preprocessing())));
        }
        return new RunRecord(settings.model().getFullPath().toString(), OffsetDateTime.now().toString(),
                settings.target().isPredicted() ? "top" : Integer.toString(settings.target().classIndex()),
                settings.layer().orElse(""), info.preprocessing().layout().name(), names, settings.methods(),
                settings.parameters(), imageEntries, entries);
    }

    /** The adapters with the preferred engine first (the others keep their ranking order). */
    static List<ModelAdapter> preferred(List<ModelAdapter> adapters, String engine) {
        return adapters.stream().sorted(Comparator.comparing((ModelAdapter a) -> !a.id().equals(engine))).toList();
    }
}
