package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.NeuroLensException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What makes a folder a TensorFlow SavedModel, and the checks with messages for users. */
public final class SavedModelFolder {
    /** The graph file of a SavedModel. */
    public static final String GRAPH = "saved_model.pb";
    /** The folder of a SavedModel's variables. */
    public static final String VARIABLES = "variables";
    /** The signature used when none is named. */
    public static final String DEFAULT_SIGNATURE = "serving_default";
    /** The tag set of the MetaGraph NeuroLens loads. */
    public static final String TAG = "serve";

    private SavedModelFolder() {
    }

    /**
     * Whether {@code model} is a folder holding {@code saved_model.pb}, or that file itself (what
     * a user right-clicks in Eclipse). Cheap; never loads it.
     */
    public static boolean looksLike(Path model) {
        Path folder = folderOf(model);
        return Files.isDirectory(folder) && Files.isRegularFile(folder.resolve(GRAPH));
    }

    /** The SavedModel folder meant by {@code model}: itself, or the parent of a {@code saved_model.pb}. */
    public static Path folderOf(Path model) {
        Path name = model.getFileName();
        if (name != null && name.toString().equals(GRAPH) && Files.isRegularFile(model) && model.getParent() != null) {
            return model.getParent();
        }
        return model;
    }

    /**
     * @throws NeuroLensException if {@code folder} is missing, not a folder, or lacks
     *     {@code saved_model.pb} or {@code variables/}
     */
    public static void check(Path folder) {
        if (!Files.exists(folder)) {
            throw new NeuroLensException("SavedModel folder " + folder + " not found");
        }
        if (!Files.isDirectory(folder)) {
            throw new NeuroLensException(folder + " is not a folder; a TensorFlow SavedModel is a folder with "
                    + GRAPH + " and " + VARIABLES + "/");
        }
        if (!Files.isRegularFile(folder.resolve(GRAPH))) {
            throw new NeuroLensException(folder + " has no " + GRAPH + "; it is not a TensorFlow SavedModel");
        }
        if (!Files.isDirectory(folder.resolve(VARIABLES))) {
            throw new NeuroLensException(folder + " has no " + VARIABLES + "/ folder; the SavedModel is incomplete");
        }
    }

    /**
     * The signature to use: the one asked for, else {@code serving_default}.
     *
     * @param available the MetaGraph's signature keys
     * @throws NeuroLensException naming the available signatures if the one asked for is not there
     */
    public static String signature(Path folder, Optional<String> requested, Set<String> available) {
        String key = requested.filter(s -> !s.isBlank()).orElse(DEFAULT_SIGNATURE);
        if (!available.contains(key)) {
            List<String> usable = new TreeSet<>(available).stream().filter(s -> !s.startsWith("__")).toList();
            throw new NeuroLensException(folder + " has no signature '" + key + "'; its signatures: "
                    + (usable.isEmpty() ? "none" : String.join(", ", usable)));
        }
        return key;
    }
}
