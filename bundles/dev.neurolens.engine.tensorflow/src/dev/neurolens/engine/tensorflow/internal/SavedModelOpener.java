package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.io.Sidecar;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.graph.GraphRunner;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Opens a SavedModel folder: imports the signature ({@link SavedModelImport}), opens the imported
 * graph with the ONNX Runtime adapter, loads the SavedModel itself through DJL's TensorFlow engine
 * and compares the two on a random batch ({@link ForwardAgreement}).
 */
public final class SavedModelOpener {
    private static final Logger LOG = Logger.getLogger(SavedModelOpener.class.getName());
    private final Supplier<TfRuntime> runtimes;
    private final ModelAdapter onnxAdapter;
    private final Path cacheRoot;
    private final boolean nativeGradients;

    /**
     * @param runtimes the started TensorFlow engine, asked for once the folder has been checked
     * @param onnxAdapter the ONNX Runtime adapter that runs the imported graph
     * @param cacheRoot NeuroLens' cache folder (imported graphs go to {@code tensorflow/})
     * @param nativeGradients whether plain gradient plans run on TensorFlow (else every plan runs
     *     on ONNX Runtime)
     */
    public SavedModelOpener(Supplier<TfRuntime> runtimes, ModelAdapter onnxAdapter, Path cacheRoot,
            boolean nativeGradients) {
        this.runtimes = runtimes;
        this.onnxAdapter = onnxAdapter;
        this.cacheRoot = cacheRoot;
        this.nativeGradients = nativeGradients;
    }

    /**
     * Opens {@code folder}; the caller closes the result.
     *
     * @throws dev.neurolens.core.NeuroLensException if the folder is not a usable SavedModel
     */
    public LoadedModel open(Path folder, ModelOptions options) {
        SavedModelFolder.check(folder);
        TfRuntime runtime = runtimes.get();
        SavedModelImport imported = SavedModelImport.run(folder, options.signature(), cacheRoot);
        LoadedModel onnx = onnxAdapter.open(imported.onnxFile(), preprocessing(folder, options)
                .map(options::withPreprocessing).orElse(options));
        DjlSavedModel savedModel = null;
        try {
            savedModel = DjlSavedModel.load(folder, imported.signature());
            Optional<String> disagreement = ForwardAgreement.check(onnx.info().imageInput(), savedModel::predict,
                    onnx::predict);
            disagreement.ifPresent(d -> LOG.warning(folder + ": " + d + "; explanations are refused"));
            Optional<GraphRunner> nativeRunner = disagreement.isPresent() || !nativeGradients ? Optional.empty()
                    : onnx.capability(GraphRunner.class).map(r -> new TfGraphRunner(r, imported.flat(),
                            imported.origins()));
            ModelInfo o = onnx.info();
            String explanations = nativeRunner.isPresent() ? "plain gradients on TensorFlow, other methods on "
                    + o.engine() : "explanations on " + o.engine();
            ModelInfo info = new ModelInfo(folder, "tensorflow-savedmodel", runtime.describe() + "; " + explanations
                    + " (imported graph, signature " + imported.signature() + ")", imported.producer(), 0, o.inputs(),
                    o.outputs(), o.layers(), o.parameterCount(), o.preprocessing());
            return new TensorFlowModel(info, savedModel, onnx, disagreement, nativeRunner);
        } catch (RuntimeException e) {
            onnx.close();
            if (savedModel != null) {
                savedModel.close();
            }
            throw e;
        }
    }

    /** The caller's preprocessing, else the folder's sidecar (with its labels), else none (derived from the input). */
    private static Optional<Preprocessing> preprocessing(Path folder, ModelOptions options) {
        Optional<Preprocessing> sidecar = Sidecar.read(folder);
        Optional<Preprocessing> chosen = options.preprocessing().or(() -> sidecar);
        if (chosen.isPresent() && chosen.get().labels().isEmpty() && sidecar.isPresent()
                && !sidecar.get().labels().isEmpty()) {
            chosen = Optional.of(chosen.get().withLabels(sidecar.get().labels()));
        }
        return chosen;
    }
}
