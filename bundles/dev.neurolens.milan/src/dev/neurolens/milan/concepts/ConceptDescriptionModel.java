package dev.neurolens.milan.concepts;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.milan.DescriptionModel;
import dev.neurolens.milan.DescriptionScorer;
import org.osgi.service.component.annotations.Component;

/**
 * The bundled {@link DescriptionModel}, {@code concept-grammar}: phrases composed by a small
 * grammar from the concept dataset's labels ({@link ConceptGrammar}), with {@code p(d|E)} the
 * mean intersection over union of exemplar regions and phrase regions ({@link ConceptScorer}).
 * Registered with ranking 0, so that any third-party model with a higher ranking is preferred.
 */
@Component(service = DescriptionModel.class, property = "service.ranking:Integer=0")
public final class ConceptDescriptionModel implements DescriptionModel {
    /** The model's id. */
    public static final String ID = "concept-grammar";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "phrases composed from the dataset's concepts (\"red circles\", \"edges of squares\"), "
                + "p(d|E) = mean IoU of exemplar regions and phrase regions";
    }

    @Override
    public DescriptionScorer scorer(BrodenDataset dataset) {
        ConceptVocabulary v = ConceptVocabulary.of(dataset);
        if (v.concepts().isEmpty()) {
            throw new NeuroLensException("the dataset " + dataset.directory() + " has no labels to describe units with");
        }
        return new ConceptScorer(dataset, v);
    }
}
