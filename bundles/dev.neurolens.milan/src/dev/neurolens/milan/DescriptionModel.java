package dev.neurolens.milan;

import dev.neurolens.data.BrodenDataset;

/**
 * The first half of MILAN's procedure, as a service: proposes candidate descriptions for an
 * exemplar set and scores {@code log p(d|E)}. The bundled default ({@code concept-grammar})
 * composes phrases from a Broden dataset's concepts; a third party can register a better one
 * (e.g. an ONNX captioner) as an OSGi service, with a {@code service.ranking} above 0 to become
 * the default of {@code neurolens describe}.
 */
public interface DescriptionModel {

    /** A short id for {@code --description-model}, e.g. {@code concept-grammar}. */
    String id();

    /** One line on what the model is. */
    String summary();

    /**
     * Prepares scoring of units whose exemplars are images of {@code dataset}. The scorer may
     * cache per-image data; it is used for one run and then dropped.
     *
     * @throws dev.neurolens.core.NeuroLensException if the model cannot use this dataset (the
     *     message says why)
     */
    DescriptionScorer scorer(BrodenDataset dataset);
}
