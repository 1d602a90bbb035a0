package dev.neurolens.engine.onnxruntime;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.engine.onnxruntime.internal.CacheDirectory;
import dev.neurolens.engine.onnxruntime.internal.ModelOpener;
import dev.neurolens.engine.onnxruntime.internal.OrtNatives;
import dev.neurolens.engine.onnxruntime.internal.OrtRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Opens {@code .onnx} files with ONNX Runtime (through DJL). Registered as a
 * {@link ModelAdapter} service by Declarative Services; the engine and its natives start on the
 * first {@link #open}, so that merely installing the bundle costs nothing.
 */
@Component(service = ModelAdapter.class)
public final class OnnxRuntimeModelAdapter implements ModelAdapter {
    /** The adapter's id. */
    public static final String ID = "onnxruntime";

    private static final String DJL_VERSION = "0.36.0";

    private Path cacheRoot = CacheDirectory.root();
    private OrtRuntime runtime;

    /**
     * Takes the cache folder from the framework property {@code neurolens.cache} (which falls back
     * to the system property), so that a launcher can set it in the framework's configuration.
     */
    @Activate
    void activate(BundleContext context) {
        cacheRoot = CacheDirectory.root(context.getProperty(CacheDirectory.PROPERTY));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "ONNX Runtime " + OrtNatives.ORT_VERSION + " (DJL " + DJL_VERSION + ")";
    }

    /** A regular file whose name ends in {@code .onnx} (any case). */
    @Override
    public boolean accepts(Path model) {
        Path name = model.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx") && Files.isRegularFile(model);
    }

    @Override
    public LoadedModel open(Path model, ModelOptions options) {
        return new ModelOpener(this::runtime).open(model, options);
    }

    private synchronized OrtRuntime runtime() {
        if (runtime == null) {
            runtime = OrtRuntime.start(cacheRoot);
        }
        return runtime;
    }
}
