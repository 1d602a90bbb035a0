package dev.neurolens.ui.tests;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;

/**
 * The workspace project the UI tests work in: the bundled ResNet-20 with its preprocessing sidecar
 * under {@code models/}, copies of it without a sidecar, a TensorFlow SavedModel folder, and the photo of a cat under
 * {@code images/}, created through the resource API as a user's import would.
 */
final class TestProject {
    static final String NAME = "neurolens-demo";
    static final String MODEL = "resnet20_cifar10.onnx";
    static final String SIDECAR = "resnet20_cifar10.neurolens.properties";
    static final String BARE_MODEL = "bare.onnx";
    static final String CUSTOM_MODEL = "custom.onnx";
    static final String IMAGE = "chelsea.png";
    static final String SAVED_MODEL = "tf_residual";

    private TestProject() {
    }

    /** The NeuroLens checkout with {@code models/} and {@code images/}. */
    static Path home() {
        return Path.of(System.getProperty("neurolens.home", "../..")).toAbsolutePath().normalize();
    }

    /** The project, created on first use. */
    static IProject project() throws Exception {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(NAME);
        if (!p.exists()) {
            p.create(null);
        }
        if (!p.isOpen()) {
            p.open(null);
        }
        copy(home().resolve("models").resolve(MODEL), p.getFile("models/" + MODEL));
        copy(home().resolve("models").resolve(SIDECAR), p.getFile("models/" + SIDECAR));
        copy(home().resolve("models").resolve(MODEL), p.getFile("models/" + BARE_MODEL));
        copy(home().resolve("models").resolve(MODEL), p.getFile("models/" + CUSTOM_MODEL));
        copy(home().resolve("images").resolve(IMAGE), p.getFile("images/" + IMAGE));
        return p;
    }

    static IFile model() throws Exception {
        return project().getFile("models/" + MODEL);
    }

    static IFile bareModel() throws Exception {
        return project().getFile("models/" + BARE_MODEL);
    }

    static IFile customModel() throws Exception {
        return project().getFile("models/" + CUSTOM_MODEL);
    }

    /** A copy of the ResNet-20 named {@code name} (with no sidecar), for tests that add files beside it. */
    static IFile modelCopy(String name) throws Exception {
        IFile copy = project().getFile("models/" + name);
        copy(home().resolve("models").resolve(MODEL), copy);
        return copy;
    }

    /** The TensorFlow SavedModel folder {@code models/tf_residual} (saved_model.pb, variables/, sidecar). */
    static IFolder savedModel() throws Exception {
        IFolder folder = project().getFolder("models/" + SAVED_MODEL);
        Path from = home().resolve("models/tf").resolve(SAVED_MODEL);
        try (var files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                copy(f, folder.getFile(org.eclipse.core.runtime.IPath.fromPortableString(
                        from.relativize(f).toString().replace('\\', '/'))));
            }
        }
        return folder;
    }

    static IFile image() throws Exception {
        return project().getFile("images/" + IMAGE);
    }

    /** The folder explanation runs are written to. */
    static IFolder results() throws Exception {
        return project().getFolder("neurolens-results");
    }

    private static void copy(Path from, IFile to) throws Exception {
        if (to.exists()) {
            return;
        }
        mkdirs(to.getParent());
        try (InputStream in = Files.newInputStream(from)) {
            to.create(in, IResource.FORCE, null);
        }
    }

    private static void mkdirs(IContainer c) throws CoreException {
        if (c instanceof IFolder f && !f.exists()) {
            mkdirs(f.getParent());
            f.create(true, true, null);
        }
    }
}
