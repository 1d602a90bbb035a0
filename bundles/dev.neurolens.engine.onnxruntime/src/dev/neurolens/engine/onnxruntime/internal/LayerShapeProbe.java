package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.ValueInfo;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.ExtraOutputs;
import dev.neurolens.graph.ModelMetadata;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the shapes of the layer outputs a model file does not record (exporters rarely write
 * value_info) by running the model once on a batch of one zero image with every such tensor as
 * an extra output. That is cheap for CNNs (one forward pass of one image, at open time) and exact,
 * where static shape inference would need a rule per op. ONNX Runtime's own inferred output info
 * tells which dimensions are symbolic (e.g. {@code batch}).
 */
final class LayerShapeProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LayerShapeProbe.class);

    private LayerShapeProbe() {
    }

    /**
     * Tensor infos for the node outputs {@code meta} has no shape for; an empty map when there are
     * none, or when the model cannot be probed (several inputs, a non-float input, free spatial
     * sizes with no preprocessing to fix them, or a failing run: then shapes stay unknown).
     */
    static Map<String, TensorInfo> probe(ModelProto model, ModelMetadata meta, Preprocessing preprocessing,
            SessionFactory sessions) {
        Set<String> missing = new LinkedHashSet<>();
        for (LayerInfo layer : meta.layers()) {
            layer.outputs().stream().filter(o -> !o.shapeKnown()).map(TensorInfo::name).forEach(missing::add);
        }
        if (missing.isEmpty() || meta.inputs().size() != 1 || !meta.inputs().get(0).elementType().equals("float")) {
            return Map.of();
        }
        TensorInfo input = meta.inputs().get(0);
        Optional<int[]> shape = probeShape(input, preprocessing);
        if (shape.isEmpty()) {
            return Map.of();
        }
        try {
            return run(ExtraOutputs.withUntypedOutputs(model, missing), input, shape.get(), missing, sessions);
        } catch (NeuroLensException e) {
            LOG.warn("cannot infer layer shapes: {}", e.getMessage());
            return Map.of();
        }
    }

    /** The input shape with a batch of one and free sizes taken from the preprocessing. */
    private static Optional<int[]> probeShape(TensorInfo input, Preprocessing preprocessing) {
        List<Long> dims = input.dims();
        int[] fromPreprocessing = preprocessing.batchShape(1);
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (dims.get(i) >= 0) {
                shape[i] = Math.toIntExact(dims.get(i));
            } else if (i == 0) {
                shape[i] = 1;
            } else if (shape.length == fromPreprocessing.length) {
                shape[i] = fromPreprocessing[i];
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(shape);
    }

    private static Map<String, TensorInfo> run(ModelProto probeModel, TensorInfo input, int[] shape,
            Set<String> wanted, SessionFactory sessions) {
        boolean batchIsFree = input.shapeKnown() && input.dims().get(0) < 0;
        String batchName = input.shapeKnown() ? input.dimNames().get(0) : "";
        Map<String, TensorInfo> out = new HashMap<>();
        try (OrtSession session = sessions.create(probeModel);
                OnnxTensor zeros = OrtTensors.toOrt(sessions.environment(), Tensor.zeros(shape));
                OrtSession.Result result = session.run(Map.of(input.name(), zeros), wanted)) {
            Map<String, NodeInfo> declared = session.getOutputInfo();
            for (String name : wanted) {
                Optional<OnnxValue> value = result.get(name);
                if (value.isPresent() && value.get() instanceof OnnxTensor tensor) {
                    out.put(name, merge(name, tensor, declared.get(name), batchIsFree, batchName));
                }
            }
        } catch (OrtException e) {
            throw OrtErrors.running("the shape probe", e);
        }
        return out;
    }

    /**
     * The shape the run produced, with the dimensions ONNX Runtime knows to be symbolic kept free.
     * Where it only knows "unknown" (ops whose output size is computed at run time, e.g. Pad with
     * computed pads), the leading axis of a float tensor of rank 2 or more that came out as 1 is
     * taken to be the batch axis, as it is in CNN layers.
     */
    private static TensorInfo merge(String name, OnnxTensor tensor, NodeInfo declaredInfo, boolean batchIsFree,
            String batchName) {
        ai.onnxruntime.TensorInfo info = tensor.getInfo();
        long[] ran = info.getShape();
        String elementType = info.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "")
                .toLowerCase(Locale.ROOT);
        long[] declared = new long[0];
        String[] declaredNames = new String[0];
        ValueInfo declaredValue = declaredInfo == null ? null : declaredInfo.getInfo();
        if (declaredValue instanceof ai.onnxruntime.TensorInfo t && t.getShape().length == ran.length) {
            declared = t.getShape();
            declaredNames = t.getDimensionNames();
        }
        List<Long> dims = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ran.length; i++) {
            boolean symbolic = i < declared.length && declared[i] < 0 && declaredNames[i] != null
                    && !declaredNames[i].isEmpty();
            boolean guessedBatch = i == 0 && !symbolic && batchIsFree && ran.length >= 2 && ran[0] == 1
                    && elementType.equals("float") && (declared.length == 0 || declared[0] < 0);
            if (symbolic) {
                dims.add(-1L);
                names.add(declaredNames[i]);
            } else if (guessedBatch) {
                dims.add(-1L);
                names.add(batchName);
            } else {
                dims.add(ran[i]);
                names.add("");
            }
        }
        return new TensorInfo(name, elementType, dims, names);
    }
}
