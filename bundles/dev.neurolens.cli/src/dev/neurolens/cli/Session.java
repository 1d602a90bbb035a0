package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelAdapters;
import dev.neurolens.core.model.ModelOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a command runs against: the output streams, the installed engines and explainers (a
 * snapshot taken when the command starts), and the NeuroLens home folder with the bundled
 * models and images.
 *
 * @param out standard output: the command's results
 * @param err standard error: progress and error messages
 * @param adapters the registered model adapters, highest ranking first
 * @param explainers the registered explainers, by id
 * @param home the NeuroLens installation folder
 * @param interactive whether err is a terminal (progress bars redraw in place)
 */
record Session(PrintStream out, PrintStream err, List<ModelAdapter> adapters, List<Explainer> explainers, Path home,
        boolean interactive) {

    Session {
        adapters = List.copyOf(adapters);
        explainers = explainers.stream().sorted(Comparator.comparing(Explainer::id)).toList();
    }

    /** A progress reporter on standard error for a task of {@code total} units. */
    ConsoleProgress progress() {
        return new ConsoleProgress(err, interactive);
    }

    /** The explainer with the given id. */
    Explainer explainer(String id) {
        return explainers.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new UsageException("unknown method '" + id + "'; installed methods: "
                        + (explainers.isEmpty() ? "none" : explainers.stream().map(Explainer::id)
                                .collect(Collectors.joining(", ")))));
    }

    /**
     * Opens a model with the first adapter that accepts it.
     *
     * @throws NeuroLensException if the file is missing or no engine accepts it
     */
    LoadedModel open(Path model, ModelOptions options) {
        return ModelAdapters.open(adapters, model, options);
    }

    /** A path given on the command line, resolved against the working directory. */
    static Path path(String text) {
        return Path.of(text).toAbsolutePath().normalize();
    }

    /** Shows a path relative to the working directory when it lies below it. */
    static String show(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }
}
