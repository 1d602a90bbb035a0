package dev.neurolens.engine.onnxruntime.internal;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.ModelMetadata;
import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Opens an {@code .onnx} file: reads and checks it with the graph bundle, chooses the
 * preprocessing, loads it into DJL's OnnxRuntime engine on the chosen device, and completes the
 * layer shapes the file leaves out.
 */
public final class ModelOpener {
    private final Supplier<OrtRuntime> runtimes;

    /**
     * An opener that asks {@code runtimes} for the started engine once the file has been checked
     * (so that a missing or broken file is reported without starting ONNX Runtime).
     */
    public ModelOpener(Supplier<OrtRuntime> runtimes) {
        this.runtimes = runtimes;
    }

    /**
     * Opens {@code file}; the caller closes the result.
     *
     * @throws NeuroLensException if the file is missing, not a usable ONNX model, or ONNX Runtime
     *     refuses it
     */
    public LoadedModel open(Path file, ModelOptions options) {
        ModelProto proto = OnnxModelReader.read(file);
        ModelMetadata fileMeta = ModelMetadata.of(proto);
        TensorInfo input = singleInput(file, fileMeta);
        Preprocessing preprocessing = PreprocessingChoice.choose(file, options, input);
        OrtRuntime runtime = runtimes.get();
        Device device = runtime.device(options.device());
        SessionFactory sessions = new SessionFactory(runtime, file.toString(), options.effectiveThreads(), device);
        Model djlModel = load(file, device, sessions);
        try {
            Map<String, TensorInfo> shapes = LayerShapeProbe.probe(proto, fileMeta, preprocessing, sessions);
            ModelMetadata meta = ModelMetadata.of(proto, shapes);
            ModelInfo info = new ModelInfo(file, "onnx", OrtRuntime.ENGINE_NAME, meta.producer(), meta.opsetVersion(),
                    meta.inputs(), meta.outputs(), meta.layers(), meta.parameterCount(), preprocessing);
            return new OnnxRuntimeModel(info, proto, djlModel, sessions);
        } catch (RuntimeException e) {
            djlModel.close();
            throw e;
        }
    }

    private static TensorInfo singleInput(Path file, ModelMetadata meta) {
        if (meta.inputs().size() != 1) {
            throw new NeuroLensException(file + " has " + meta.inputs().size() + " inputs ("
                    + meta.inputs().stream().map(TensorInfo::name).collect(Collectors.joining(", "))
                    + "); NeuroLens explains models with one image input");
        }
        return meta.inputs().get(0);
    }

    /** Loads the model into DJL, which creates the main ONNX Runtime session on {@code device}. */
    private static Model load(Path file, Device device, SessionFactory sessions) {
        return BundleClassLoader.call(() -> {
            String name = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            Model model = Model.newInstance(name, device, OrtRuntime.ENGINE_NAME);
            try {
                model.load(file, null, sessions.djlOptions());
                return model;
            } catch (IOException | MalformedModelException | RuntimeException e) {
                model.close();
                throw OrtErrors.loading(file.toString(), e);
            }
        });
    }
}
