package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.engine.onnxruntime.AdapterServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleException;

/**
 * The engine as the product uses it: the {@link ModelAdapter} service that DS registers (as the
 * engine's own tests get it), kept alive until {@link #close()}. Models open with one intra-op
 * thread, so that test timings do not depend on the machine's core count.
 */
final class EngineServices implements AutoCloseable {
    private final AdapterServices services;

    private EngineServices(AdapterServices services) {
        this.services = services;
    }

    static EngineServices start() throws BundleException, InterruptedException {
        return new EngineServices(AdapterServices.track());
    }

    LoadedModel open(Path model) {
        return services.adapter().open(model, ModelOptions.defaults().withThreads(1));
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
        services.close();
    }
}
