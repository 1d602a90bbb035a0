package dev.neurolens.engine.onnxruntime.internal;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.ModelMetadata;
import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.normalize.ModelNormalizer;
import dev.neurolens.graph.normalize.Normalized;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Opens an {@code .onnx} file: reads and checks it with the graph bundle, chooses the
 * preprocessing, normalizes it (opset 17, dynamic batch, fused layers; see
 * {@link NormalizationChoice} for when the normalized model is used), loads it into DJL's
 * OnnxRuntime engine on the chosen device, and completes the layer shapes the file leaves out.
 */
public final class ModelOpener {
    private final Supplier<OrtRuntime> runtimes;
    private final Function<ModelProto, Normalized> normalizer;

    /**
     * An opener that asks {@code runtimes} for the started engine once the file has been checked
     * (so that a missing or broken file is reported without starting ONNX Runtime), and normalizes
     * models with {@link ModelNormalizer}.
     */
    public ModelOpener(Supplier<OrtRuntime> runtimes) {
        this(runtimes, ModelNormalizer::normalize);
    }

    /**
     * An opener with another normalization (tests use one that breaks models, to see the forward
     * check reject it).
     *
     * @param normalizer a model to its normalized form; may throw {@link NeuroLensException} to refuse
     */
    public ModelOpener(Supplier<OrtRuntime> runtimes, Function<ModelProto, Normalized> normalizer) {
        this.runtimes = runtimes;
        this.normalizer = normalizer;
    }

    /**
     * Opens {@code file}; the caller closes the result.
     *
     * @throws NeuroLensException if the file is missing, not a usable ONNX model, or ONNX Runtime
     *     refuses it
     */
    public LoadedModel open(Path file, ModelOptions options) {
        ModelProto fileProto = OnnxModelReader.read(file);
        ModelMetadata fileMeta = ModelMetadata.of(fileProto);
        TensorInfo input = singleInput(file, fileMeta);
        Preprocessing preprocessing = PreprocessingChoice.choose(file, options, input);
        OrtRuntime runtime = runtimes.get();
        OrtRuntime.DeviceChoice deviceChoice = runtime.device(options.device());
        Device device = deviceChoice.device();
        SessionFactory sessions = new SessionFactory(runtime, file.toString(), options.effectiveThreads(), deviceChoice);
        NormalizationChoice.Choice choice = NormalizationChoice.choose(file, fileProto, normalizer, input,
                preprocessing, sessions);
        ModelProto proto = choice.model();
        Model djlModel = choice.loadNormalized() ? load(file, proto, device, sessions) : load(file, device, sessions);
        try {
            // same graph (only the opset import or IR version changed): the file's metadata describes it
            ModelMetadata protoMeta = proto.getGraph() == fileProto.getGraph() ? fileMeta : ModelMetadata.of(proto);
            Map<String, TensorInfo> shapes = LayerShapeProbe.probe(proto, protoMeta, preprocessing, sessions);
            ModelMetadata meta = ModelMetadata.of(proto, shapes);
            // the opset the file declares (what the user exported), not the one NeuroLens runs at
            ModelInfo info = new ModelInfo(file, "onnx", OrtRuntime.ENGINE_NAME, meta.producer(),
                    fileMeta.opsetVersion(), meta.inputs(), meta.outputs(), meta.layers(), meta.parameterCount(),
                    preprocessing);
            LoadedModel model = new OnnxRuntimeModel(info, proto, djlModel, sessions);
            return choice.explanationRefusal().<LoadedModel>map(why -> new UpgradeRefusingModel(model, why))
                    .orElse(model);
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

    /** Loads a normalized model into DJL from memory (DJL makes an empty temporary folder for it). */
    private static Model load(Path file, ModelProto normalized, Device device, SessionFactory sessions) {
        byte[] bytes = normalized.toByteArray();
        return BundleClassLoader.call(() -> {
            Model model = Model.newInstance(modelName(file), device, OrtRuntime.ENGINE_NAME);
            try {
                try (SessionOptions options = sessions.newOptions()) {
                    model.load(new ByteArrayInputStream(bytes), sessions.djlOptions(options));
                }
                return model;
            } catch (IOException | MalformedModelException | OrtException | RuntimeException e) {
                model.close();
                throw OrtErrors.loading(file.toString(), e);
            }
        });
    }

    private static String modelName(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
    }

    /** Loads the model into DJL, which creates the main ONNX Runtime session on {@code device}. */
    private static Model load(Path file, Device device, SessionFactory sessions) {
        return BundleClassLoader.call(() -> {
            Model model = Model.newInstance(modelName(file), device, OrtRuntime.ENGINE_NAME);
            try {
                try (SessionOptions options = sessions.newOptions()) {
                    model.load(file, null, sessions.djlOptions(options));
                }
                return model;
            } catch (IOException | MalformedModelException | OrtException | RuntimeException e) {
                model.close();
                throw OrtErrors.loading(file.toString(), e);
            }
        });
    }
}
