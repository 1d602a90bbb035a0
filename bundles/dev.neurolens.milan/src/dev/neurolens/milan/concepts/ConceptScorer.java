package dev.neurolens.milan.concepts;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.IndexEntry;
import dev.neurolens.milan.DescriptionScorer;
import dev.neurolens.milan.Exemplar;
import dev.neurolens.milan.ExemplarSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The concept-grammar model bound to a dataset. The likelihood of a phrase {@code d} given an
 * exemplar set {@code E = {(x_i, M_i)}} is
 *
 * <pre>
 *   fit_i(d)  = |M_i & R_d(x_i)| / |M_i | R_d(x_i)|              IoU of exemplar region and phrase region
 *   p(d|E)    = eps + (1 - eps) * (1/|E|) * sum_i fit_i(d)       eps = 1e-3
 * </pre>
 *
 * i.e. the chance that {@code d} is true of the highlighted region of an exemplar drawn at random,
 * each exemplar counting equally (so a phrase true of every exemplar beats one true of a single
 * large one), floored at {@code eps} so that the logarithm stays finite. Image regions are read
 * from the dataset once per image and kept for the run.
 */
final class ConceptScorer implements DescriptionScorer {
    /** The floor of {@code p(d|E)}. */
    static final double EPSILON = 1e-3;

    private final BrodenDataset dataset;
    private final ConceptVocabulary vocabulary;
    private final ConceptGrammar grammar;
    private final Map<Integer, ImageConcepts> images = new ConcurrentHashMap<>();
    private final Map<String, Optional<Phrase>> phrases = new ConcurrentHashMap<>();
    private final Map<ExemplarSet, long[][]> masks = Collections.synchronizedMap(new IdentityHashMap<>());

    ConceptScorer(BrodenDataset dataset, ConceptVocabulary vocabulary) {
        this.dataset = dataset;
        this.vocabulary = vocabulary;
        this.grammar = new ConceptGrammar(vocabulary);
    }

    @Override
    public List<String> propose(ExemplarSet set) {
        long[][] m = masks(set);
        List<ImageConcepts> imgs = new ArrayList<>();
        for (Exemplar e : set.exemplars()) {
            imgs.add(image(e.image()));
        }
        List<String> out = new ArrayList<>();
        for (Phrase p : grammar.propose(imgs, List.of(m))) {
            phrases.putIfAbsent(p.text(), Optional.of(p));
            out.add(p.text());
        }
        return out;
    }

    @Override
    public double logLikelihood(String description, ExemplarSet set) {
        double[] fit = exemplarFit(description, set);
        double sum = 0;
        for (double f : fit) {
            sum += f;
        }
        double mean = fit.length == 0 ? 0 : sum / fit.length;
        return Math.log(EPSILON + (1 - EPSILON) * mean);
    }

    @Override
    public double[] exemplarFit(String description, ExemplarSet set) {
        double[] fit = new double[set.size()];
        Optional<Phrase> phrase = phrases.computeIfAbsent(description, grammar::parse);
        if (phrase.isEmpty()) {
            return fit;
        }
        long[][] m = masks(set);
        for (int i = 0; i < fit.length; i++) {
            fit[i] = Bits.iou(m[i], phrase.get().region(image(set.exemplars().get(i).image())));
        }
        return fit;
    }

    /** The concept regions of an image, read once. */
    ImageConcepts image(int index) {
        if (index >= dataset.size()) {
            throw new NeuroLensException("exemplar image " + index + " is not in " + dataset.directory() + " ("
                    + dataset.size() + " images)");
        }
        return images.computeIfAbsent(index, i -> ImageConcepts.of(dataset.read(i, vocabulary.categories()),
                vocabulary));
    }

    private long[][] masks(ExemplarSet set) {
        return masks.computeIfAbsent(set, s -> {
            long[][] out = new long[s.size()][];
            for (int i = 0; i < out.length; i++) {
                Exemplar e = s.exemplars().get(i);
                IndexEntry entry = dataset.image(e.image());
                if (e.width() != entry.maskWidth() || e.height() != entry.maskHeight()) {
                    throw new NeuroLensException("the exemplar masks of unit " + s.unit() + " are " + e.width() + "x"
                            + e.height() + " but image " + e.image() + " of " + dataset.directory() + " has "
                            + entry.maskWidth() + "x" + entry.maskHeight() + " masks");
                }
                out[i] = Bits.of(e.mask(), e.width() * e.height());
            }
            return out;
        });
    }
}
