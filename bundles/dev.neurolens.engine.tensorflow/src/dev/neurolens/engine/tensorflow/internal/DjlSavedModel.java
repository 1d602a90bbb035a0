package dev.neurolens.engine.tensorflow.internal;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The SavedModel as TensorFlow runs it, loaded through DJL's TensorFlow engine with the chosen
 * signature: the reference for the imported graph's predictions, and {@code predict}'s engine.
 */
final class DjlSavedModel implements AutoCloseable {
    private final Model model;
    private final Path folder;

    private DjlSavedModel(Model model, Path folder) {
        this.model = model;
        this.folder = folder;
    }

    /**
     * @throws NeuroLensException if DJL cannot load the folder
     */
    static DjlSavedModel load(Path folder, String signature) {
        return BundleClassLoader.call(() -> {
            Model model = Model.newInstance(folder.getFileName().toString(), Device.cpu(), TfRuntime.ENGINE_NAME);
            try {
                model.load(folder, null, Map.of("Tags", SavedModelFolder.TAG, "SignatureDefKey", signature));
                return new DjlSavedModel(model, folder);
            } catch (IOException | MalformedModelException | RuntimeException e) {
                model.close();
                throw new NeuroLensException("TensorFlow (DJL) cannot load the SavedModel " + folder + " ("
                        + e.getMessage() + ")", e);
            }
        });
    }

    /** Runs the signature on a batch and returns its output. */
    Tensor predict(Tensor batch) {
        return BundleClassLoader.call(() -> {
            try (NDManager manager = model.getNDManager().newSubManager()) {
                long[] shape = Arrays.stream(batch.shape()).asLongStream().toArray();
                NDArray input = manager.create(batch.buffer(), new Shape(shape));
                NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
                NDArray first = out.get(0);
                int[] dims = Arrays.stream(first.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
                return Tensor.wrap(first.toFloatArray(), dims);
            } catch (RuntimeException e) {
                throw new NeuroLensException("TensorFlow failed to run " + folder + " (" + e.getMessage() + ")", e);
            }
        });
    }

    @Override
    public void close() {
        try {
            BundleClassLoader.call(() -> {
                model.close();
                return null;
            });
        } catch (RuntimeException e) {
            // frees native memory; nothing to tell the caller
        }
    }
}
