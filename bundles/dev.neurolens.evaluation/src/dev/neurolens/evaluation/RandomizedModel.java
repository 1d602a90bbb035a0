package dev.neurolens.evaluation;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A randomized copy of a model, opened through the engine: the serialized model is written to a
 * file in a fresh temporary folder (engines open files), opened with the original's preprocessing,
 * and the folder is removed again on {@link #close()}.
 */
final class RandomizedModel implements AutoCloseable {
    private final Path folder;
    private final Path file;
    private final LoadedModel model;

    private RandomizedModel(Path folder, Path file, LoadedModel model) {
        this.folder = folder;
        this.file = file;
        this.model = model;
    }

    /** Writes {@code bytes} to a temporary {@code .onnx} file and opens it. */
    static RandomizedModel open(byte[] bytes, Preprocessing preprocessing, ModelOpener opener) {
        Path folder = null;
        Path file = null;
        try {
            folder = Files.createTempDirectory("neurolens-randomized");
            file = Files.write(folder.resolve("randomized.onnx"), bytes);
            return new RandomizedModel(folder, file, opener.open(file, preprocessing));
        } catch (IOException e) {
            delete(folder, file);
            throw new NeuroLensException("cannot write the randomized model to a temporary file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            delete(folder, file);
            throw e;
        }
    }

    LoadedModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
        delete(folder, file);
    }

    private static void delete(Path folder, Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            if (folder != null) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the evaluation's result is what matters
        }
    }
}
