package dev.neurolens.ui.result;

import dev.neurolens.core.io.ExplanationFiles;
import dev.neurolens.core.io.Json;
import dev.neurolens.ui.NeuroLensUi;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Writes an explanation run into the model's project through the resource API, so that the files
 * appear in the Project Explorer at once: {@code neurolens-results/<model>-<time>/} holding the
 * command line's files per image and method, {@code <image>.input.png} and {@code run.nlrun}.
 * Everything is encoded before the first file is created; if writing fails the folder is removed.
 */
public final class RunWriter {
    /** The name of a run's index file. */
    public static final String RUN_FILE = "run." + NeuroLensUi.RUN_EXTENSION;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunWriter() {
    }

    /** A new, not yet existing folder for a run on {@code model}, named after the model and the time. */
    public static IFolder newFolder(IFile model) {
        IFolder results = model.getProject().getFolder(NeuroLensUi.RESULTS_FOLDER);
        String base = model.getFullPath().removeFileExtension().lastSegment() + "-"
                + LocalDateTime.now().format(STAMP);
        IFolder folder = results.getFolder(base);
        for (int k = 2; folder.exists(); k++) {
            folder = results.getFolder(base + "-" + k);
        }
        return folder;
    }

    /** The file system location of a workspace folder. */
    public static Path location(IResource resource) {
        return resource.getLocation().toPath();
    }

    /**
     * Writes the run.
     *
     * @param folder from {@link #newFolder}
     * @param record the run's index
     * @param files the encoded explanation files (their paths lie in {@code folder})
     * @param pictures the encoded input pictures by file name
     * @return the run file
     * @throws CoreException if the workspace refuses a file; nothing of the run is left then
     */
    public static IFile write(IFolder folder, RunRecord record, List<ExplanationFiles> files,
            Map<String, byte[]> pictures, IProgressMonitor monitor) throws CoreException {
        byte[] index = (Json.write(record.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
        IFile run = folder.getFile(RUN_FILE);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        try {
            workspace.run(m -> {
                SubMonitor sub = SubMonitor.convert(m, "Writing results", files.size() * 4 + pictures.size() + 3);
                create(folder, sub.split(1));
                for (ExplanationFiles f : files) {
                    for (Map.Entry<Path, byte[]> e : f.files().entrySet()) {
                        put(folder.getFile(e.getKey().getFileName().toString()), e.getValue(), sub.split(1));
                    }
                }
                for (Map.Entry<String, byte[]> e : pictures.entrySet()) {
                    put(folder.getFile(e.getKey()), e.getValue(), sub.split(1));
                }
                put(run, index, sub.split(1));
            }, folder.getProject(), IWorkspace.AVOID_UPDATE, monitor);
        } catch (CoreException | RuntimeException e) {
            if (folder.exists()) {
                folder.delete(true, null);
            }
            throw e;
        }
        return run;
    }

    private static void create(IContainer c, IProgressMonitor monitor) throws CoreException {
        if (c.exists() || !(c instanceof IFolder f)) {
            return;
        }
        create(f.getParent(), monitor);
        f.create(IResource.FORCE, true, monitor);
    }

    private static void put(IFile file, byte[] bytes, IProgressMonitor monitor) throws CoreException {
        if (file.exists()) {
            file.setContents(new ByteArrayInputStream(bytes), IResource.FORCE, monitor);
        } else {
            file.create(new ByteArrayInputStream(bytes), IResource.FORCE, monitor);
        }
    }
}
