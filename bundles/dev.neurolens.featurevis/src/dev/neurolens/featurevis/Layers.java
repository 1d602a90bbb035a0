package dev.neurolens.featurevis;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import java.util.List;

/** Choosing layers by op type. */
public final class Layers {
    private Layers() {
    }

    /** The model's convolutions, in graph order. */
    public static List<LayerInfo> convolutions(ModelInfo info) {
        return info.layers().stream().filter(l -> l.opType().equals("Conv")).toList();
    }

    /** The name of the last convolution (the default layer for channel visualizations). */
    public static String lastConv(ModelInfo info) {
        List<LayerInfo> convs = convolutions(info);
        if (convs.isEmpty()) {
            throw new NeuroLensException("the model has no Conv layer; choose one with --layer");
        }
        return convs.get(convs.size() - 1).name();
    }

    /** The name of the first convolution. */
    public static String firstConv(ModelInfo info) {
        List<LayerInfo> convs = convolutions(info);
        if (convs.isEmpty()) {
            throw new NeuroLensException("the model has no Conv layer");
        }
        return convs.get(0).name();
    }
}
