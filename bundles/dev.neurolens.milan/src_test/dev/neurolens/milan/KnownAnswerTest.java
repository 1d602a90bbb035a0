package dev.neurolens.milan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.milan.concepts.ConceptDescriptionModel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers of the procedure on hand-made exemplar sets over generated scenes: units whose
 * exemplar regions are exactly a concept's pixels, and a unit whose regions are whole images.
 */
class KnownAnswerTest {
    @TempDir
    static Path dir;
    static BrodenDataset ds;
    static List<UnitDescription> described;

    @BeforeAll
    static void describe() {
        ds = Scenes.generate(GeneratorConfig.builder().seed(11).count(600).threads(2).build(), dir.resolve("scenes"));
        int red = Scenes.label(ds, "red-c");
        int blue = Scenes.label(ds, "blue-c");
        int circle = Scenes.label(ds, "circle");
        int square = Scenes.label(ds, "square");
        int striped = Scenes.label(ds, "striped");
        List<ExemplarSet> units = List.of(
                Scenes.exact(ds, "red circles", 15, l -> and(Scenes.pixels(l, "color", red),
                        Scenes.pixels(l, "object", circle))),
                Scenes.exact(ds, "red", 15, l -> Scenes.pixels(l, "color", red)),
                Scenes.exact(ds, "circles", 15, l -> Scenes.pixels(l, "object", circle)),
                Scenes.exact(ds, "squares", 15, l -> Scenes.pixels(l, "object", square)),
                Scenes.exact(ds, "blue squares", 15, l -> and(Scenes.pixels(l, "color", blue),
                        Scenes.pixels(l, "object", square))),
                Scenes.exact(ds, "striped", 15, l -> Scenes.pixels(l, "texture", striped)),
                Scenes.everything(ds, 15));
        described = new UnitDescriber(UnitDescriber.DEFAULT_LAMBDA, 40).describe(units,
                new ConceptDescriptionModel().scorer(ds), new UnitPopulationPrior(), Progress.NONE);
    }

    private static BitSet and(BitSet a, BitSet b) {
        BitSet r = (BitSet) a.clone();
        r.and(b);
        return r;
    }

    private static UnitDescription unit(String name) {
        return described.stream().filter(d -> d.unit().layer().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRedCircleUnitIsDescribedWithBothWordsAheadOfEachAlone() {
        UnitDescription d = unit("red circles");
        assertEquals("red circles", d.best().text(), d.ranked().toString());
        ScoredDescription red = Scenes.candidate(d, "red");
        ScoredDescription circles = Scenes.candidate(d, "circles");
        assertNotNull(red, "'red' is a candidate");
        assertNotNull(circles, "'circles' is a candidate");
        assertTrue(d.best().pmi() > red.pmi() && d.best().pmi() > circles.pmi(), d.ranked().toString());
        // the exemplar regions are exactly the phrase's regions: every exemplar fits perfectly
        assertEquals(Math.log(1), d.best().logLikelihood(), 1e-12);
        for (double s : d.support()) {
            assertEquals(1.0, s, 0.0);
        }
    }

    @Test
    void singleConceptUnitsGetTheirConcept() {
        assertTrue(unit("red").best().text().startsWith("red"), unit("red").ranked().toString());
        assertEquals("circles", unit("circles").best().text(), unit("circles").ranked().toString());
        assertEquals("squares", unit("squares").best().text(), unit("squares").ranked().toString());
        assertEquals("blue squares", unit("blue squares").best().text(), unit("blue squares").ranked().toString());
        assertTrue(unit("striped").best().text().startsWith("striped"), unit("striped").ranked().toString());
    }

    @Test
    void aUnitFiringOnEverythingGetsALowPmi() {
        UnitDescription everything = unit("everything");
        for (UnitDescription d : described) {
            if (d != everything) {
                // the lowest PMI of all units, by a clear margin; each concept unit's best fits
                // (almost) every exemplar, the whole-image unit's best does not
                assertTrue(everything.best().pmi() < d.best().pmi() - 0.25, everything.best() + " vs " + d.best());
                assertTrue(d.best().logLikelihood() > Math.log(0.9), d.best().toString());
            }
        }
        // no phrase of the grammar names whole images except the scene labels (backgrounds), which
        // fit only the exemplars with that background
        assertTrue(everything.best().logLikelihood() < Math.log(0.75), everything.best().toString());
    }

    @Test
    void pmiIsLikelihoodMinusLambdaTimesPrior() {
        for (UnitDescription d : described) {
            for (ScoredDescription s : d.ranked()) {
                assertEquals(s.logLikelihood() - UnitDescriber.DEFAULT_LAMBDA * s.logPrior(), s.pmi(), 1e-12);
            }
        }
    }

    @Test
    void thePriorIsTheMeanLikelihoodOverTheUnits() {
        var scorer = new ConceptDescriptionModel().scorer(ds);
        List<ExemplarSet> units = described.stream().map(UnitDescription::exemplars).toList();
        var prior = new UnitPopulationPrior().fit(units, scorer, Progress.NONE);
        for (String d : List.of("red", "red circles", "circles", "plain background")) {
            double mean = units.stream().mapToDouble(u -> Math.exp(scorer.logLikelihood(d, u))).average().orElseThrow();
            assertEquals(Math.log(mean), prior.logPrior(d), 1e-12, d);
        }
    }

    @Test
    void aPhraseTrueOfAllExemplarsBeatsOnesTrueOfSome() {
        ExemplarSet circles = unit("circles").exemplars();
        var scorer = new ConceptDescriptionModel().scorer(ds);
        assertEquals(0, scorer.logLikelihood("circles", circles), 1e-12, "true of every exemplar region");
        int colored = 0;
        for (String other : scorer.propose(circles)) {
            if (other.endsWith(" circles") && !other.contains(" and ")) {
                // 'X circles' is true only of the exemplars whose circle is X: fit 1 there, 0 elsewhere
                double[] fit = scorer.exemplarFit(other, circles);
                long exact = java.util.Arrays.stream(fit).filter(f -> f == 1.0).count();
                double p = ConceptTestAccess.EPSILON + (1 - ConceptTestAccess.EPSILON) * java.util.Arrays.stream(fit)
                        .average().orElseThrow();
                assertEquals(Math.log(p), scorer.logLikelihood(other, circles), 1e-12, other);
                assertTrue(exact < circles.size() && scorer.logLikelihood(other, circles) < 0, other);
                colored++;
            }
        }
        assertTrue(colored >= 2, "several coloured-circle candidates");
    }
}
