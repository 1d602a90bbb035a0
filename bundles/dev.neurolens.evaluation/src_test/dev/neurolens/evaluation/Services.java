package dev.neurolens.evaluation;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The engine and the explanation methods as the CLI gets them — the shared test {@link Engine}
 * with the attribution and Grad-CAM bundles started — plus the {@link ModelOpener} the evaluation
 * opens randomized models with.
 */
final class Services implements AutoCloseable {
    private final Engine engine;

    private Services(Engine engine) {
        this.engine = engine;
    }

    static Services start() throws Exception {
        return new Services(Engine.start(Set.of("dev.neurolens.attribution", "dev.neurolens.gradcam")));
    }

    /** The explainers with these ids, in this order (waiting for DS to register them). */
    List<Explainer> methods(String... ids) throws InterruptedException {
        return engine.methods(ids);
    }

    LoadedModel open(Path model) {
        return engine.open(model);
    }

    /** Opens files with the given preprocessing, as the evaluation opens randomized models. */
    ModelOpener opener() {
        return (file, pre) -> engine.adapter().open(file, ModelOptions.defaults().withThreads(2).withPreprocessing(pre));
    }

    static Path model(String fileName) {
        return Engine.model(fileName);
    }

    @Override
    public void close() {
        engine.close();
    }
}
