package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * A convolutional layer's activations {@code [n, units, h, w]} for batches of images, fetched in
 * one forward pass per batch ({@link LoadedModel#run} with the layer as the only output, so the
 * engine computes nothing past it).
 */
public final class LayerActivations {
    private final LoadedModel model;
    private final String layer;
    private final String tensor;
    private int units;
    private int height;
    private int width;

    private LayerActivations(LoadedModel model, String layer, String tensor, int units, int height, int width) {
        this.model = model;
        this.layer = layer;
        this.tensor = tensor;
        this.units = units;
        this.height = height;
        this.width = width;
    }

    /**
     * The activations of {@code layer} (a node or tensor name) of {@code model}.
     *
     * @throws NeuroLensException if the layer is unknown or its declared shape is not 4-D
     */
    public static LayerActivations of(LoadedModel model, String layer) {
        Optional<LayerInfo> info = model.info().layer(layer);
        if (info.isEmpty() && model.info().inputs().stream().noneMatch(i -> i.name().equals(layer))) {
            throw new NeuroLensException("the model has no layer or tensor '" + layer
                    + "'; run 'neurolens info' to see layer names");
        }
        TensorInfo out = info.map(l -> l.outputs().stream().filter(o -> o.name().equals(layer)).findFirst()
                .orElse(l.outputs().get(0))).orElse(null);
        String tensor = out == null ? layer : out.name();
        if (out != null && out.shapeKnown()) {
            List<Long> d = out.dims();
            if (d.size() != 4) {
                throw notSpatial(layer, out.shapeString());
            }
            return new LayerActivations(model, layer, tensor, (int) (long) d.get(1), (int) (long) d.get(2),
                    (int) (long) d.get(3));
        }
        return new LayerActivations(model, layer, tensor, -1, -1, -1);
    }

    private static NeuroLensException notSpatial(String layer, String shape) {
        return new NeuroLensException("layer '" + layer + "' has shape " + shape
                + "; dissection needs a 4-D convolutional tensor [N, units, h, w]");
    }

    /**
     * The activations of a batch.
     *
     * @throws NeuroLensException if the tensor turns out not to be 4-D or changes shape
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public Tensor run(Tensor batch, Progress progress) {
        Tensor a = model.run(batch, List.of(tensor), progress).get(tensor);
        if (a.rank() != 4) {
            throw notSpatial(layer, a.shapeString());
        }
        if (units < 0 || height < 0 || width < 0) {
            units = a.dim(1);
            height = a.dim(2);
            width = a.dim(3);
        } else if (a.dim(1) != units || a.dim(2) != height || a.dim(3) != width) {
            throw new NeuroLensException("layer '" + layer + "' gave activations of shape " + a.shapeString()
                    + " instead of [n, " + units + ", " + height + ", " + width + "]");
        }
        return a;
    }

    /** The layer as given. */
    public String layer() {
        return layer;
    }

    /** The tensor fetched. */
    public String tensor() {
        return tensor;
    }

    /** The model. */
    public LoadedModel model() {
        return model;
    }

    /** Whether the shape is known (declared, or after the first run). */
    public boolean shapeKnown() {
        return units > 0 && height > 0 && width > 0;
    }

    /** The number of units (channels); -1 before the shape is known. */
    public int units() {
        return units;
    }

    /** The map height; -1 before the shape is known. */
    public int height() {
        return height;
    }

    /** The map width; -1 before the shape is known. */
    public int width() {
        return width;
    }
}
