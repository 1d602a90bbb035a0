package dev.neurolens.milan;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import java.util.List;

/**
 * Finds the exemplar sets of a layer's units on a concept dataset. The bundled implementation is
 * {@link dev.neurolens.milan.exemplars.DissectionExemplars}; Network Dissection's exemplar
 * sets fit the same shape.
 */
public interface ExemplarFinder {

    /**
     * The exemplar set of every unit (channel) of {@code layer}, in channel order.
     *
     * @param topK the number of exemplars per unit
     * @throws dev.neurolens.core.NeuroLensException if the layer is unknown or not a feature map
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    List<ExemplarSet> find(LoadedModel model, BrodenDataset dataset, String layer, int topK, Progress progress);
}
