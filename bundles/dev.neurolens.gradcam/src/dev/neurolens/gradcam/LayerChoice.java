package dev.neurolens.gradcam;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.TensorInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tensor a CAM is computed at: the tensor or node the user named, or by default the last
 * spatial tensor before the network collapses its spatial axes (global pooling, a pooling to 1x1,
 * or a flatten to [N, features]): the input of the last node that turns a 4-D tensor with more
 * than one position into a rank ≤ 2 tensor or a 4-D tensor with one position.
 */
final class LayerChoice {
    private LayerChoice() {
    }

    /**
     * The tensor for {@code requested} (a tensor name, or a node name for its first output), or
     * the default.
     *
     * @throws NeuroLensException if the name is not in the model, or there is no default
     */
    static String resolve(ModelInfo info, Optional<String> requested) {
        if (requested.isPresent() && !requested.get().isBlank()) {
            String name = requested.get().trim();
            LayerInfo layer = info.layer(name).orElseThrow(() -> new NeuroLensException("layer '" + name
                    + "' is not in the model; run 'neurolens info --model " + info.source().getFileName()
                    + "' to list node and tensor names (e.g. " + defaultLayer(info).orElse("a Conv or Relu output")
                    + ")"));
            String tensor = layer.outputs().stream().map(TensorInfo::name).filter(name::equals).findFirst()
                    .orElse(layer.outputs().get(0).name());
            TensorInfo t = layer.outputs().stream().filter(o -> o.name().equals(tensor)).findFirst().orElseThrow();
            if (t.shapeKnown() && t.dims().size() != 4) {
                throw new NeuroLensException("layer '" + name + "' has shape " + t.shapeString()
                        + "; a CAM needs a 4-D convolutional tensor [N, channels, h, w]");
            }
            return tensor;
        }
        return defaultLayer(info).orElseThrow(() -> new NeuroLensException("cannot choose a default layer: no node "
                + "of the model pools a 4-D tensor to a vector; pass --layer (see 'neurolens info')"));
    }

    /** The default layer's tensor, if the model has one. */
    static Optional<String> defaultLayer(ModelInfo info) {
        Map<String, List<Long>> shapes = new HashMap<>();
        info.inputs().forEach(t -> shapes.put(t.name(), t.dims()));
        for (LayerInfo l : info.layers()) {
            l.outputs().forEach(t -> shapes.put(t.name(), t.dims()));
        }
        List<LayerInfo> layers = info.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerInfo l = layers.get(i);
            if (l.inputs().isEmpty() || l.outputs().isEmpty()) {
                continue;
            }
            List<Long> in = shapes.getOrDefault(l.inputs().get(0), List.of());
            List<Long> out = l.outputs().get(0).dims();
            if (spatial(in) && collapsed(out)) {
                return Optional.of(l.inputs().get(0));
            }
        }
        return Optional.empty();
    }

    /** A 4-D shape with more than one spatial position. */
    private static boolean spatial(List<Long> dims) {
        return dims.size() == 4 && dims.get(2) * dims.get(3) > 1;
    }

    /** A vector per image, or a 4-D shape with one spatial position. */
    private static boolean collapsed(List<Long> dims) {
        return !dims.isEmpty() && dims.size() <= 2 || dims.size() == 4 && dims.get(2) == 1 && dims.get(3) == 1;
    }
}
