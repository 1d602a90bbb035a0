package dev.neurolens.milan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.milan.concepts.ConceptDescriptionModel;
import dev.neurolens.milan.exemplars.TopActivationExemplars;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The held-out check of issue 9: descriptions of the last convolutional layer of the bundled
 * {@code shapes_vgg} model (128 units) are chosen on one generated dataset and re-scored on a
 * second one with another seed and another scene layout (more, smaller objects; more textured
 * backgrounds, fewer textured objects). Per unit, the first dataset's best description and its
 * runner-ups are ranked again by PMI on the second dataset (its exemplar sets, its prior); the
 * best stays best when it still ranks first there.
 *
 * <p>Threshold: the best must stay best for at least half of the units, and at least three times
 * as often as a candidate drawn at random from the re-ranked list would (docs/milan.md gives the
 * measured numbers). A description that fit only the first dataset's accidents would lose its
 * place on the second.
 */
class HeldOutTest {
    private static final int IMAGES = 500;
    private static final int CANDIDATES = 10;

    @TempDir
    Path dir;

    private static String top(UnitDescription d, int n) {
        StringBuilder sb = new StringBuilder();
        for (ScoredDescription s : d.ranked().subList(0, Math.min(n, d.ranked().size()))) {
            sb.append(String.format(Locale.ROOT, "%s %.2f (%.2f %.2f) | ", s.text(), s.pmi(), s.logLikelihood(),
                    s.logPrior()));
        }
        return sb.toString();
    }

    @Test
    void bestDescriptionsMostlyStayBestOnAnotherSeedAndLayout() throws Exception {
        BrodenDataset first = Scenes.generate(GeneratorConfig.builder().seed(31).count(IMAGES).threads(2).build(),
                dir.resolve("first"));
        BrodenDataset second = Scenes.generate(GeneratorConfig.builder().seed(32).count(IMAGES).threads(2)
                .objects(2, 5).objectSize(0.10, 0.22).texturedProbability(0.25, 0.6).build(), dir.resolve("second"));
        try (Engine engine = Engine.start(); LoadedModel model = engine.open(Engine.model("shapes_vgg.onnx"))) {
            List<LayerInfo> relus = model.info().layers().stream().filter(l -> l.opType().equals("Relu")).toList();
            String layer = relus.get(relus.size() - 1).name();
            TopActivationExemplars finder = new TopActivationExemplars();
            UnitDescriber describer = new UnitDescriber(UnitDescriber.DEFAULT_LAMBDA, CANDIDATES - 1);
            List<ExemplarSet> setsA = finder.find(model, first, layer, 15, Progress.NONE);
            List<ExemplarSet> setsB = finder.find(model, second, layer, 15, Progress.NONE);
            assertEquals(128, setsA.size());
            List<UnitDescription> onA = describer.describe(setsA, new ConceptDescriptionModel().scorer(first),
                    new UnitPopulationPrior(), Progress.NONE);
            DescriptionScorer scorerB = new ConceptDescriptionModel().scorer(second);
            DescriptionPrior.LogPrior priorB = new UnitPopulationPrior().fit(setsB, scorerB, Progress.NONE);
            int stayed = 0;
            int described = 0;
            double chance = 0;
            for (int u = 0; u < setsA.size(); u++) {
                UnitDescription a = onA.get(u);
                if (a.best().text().equals(UnitDescriber.NONE) || a.ranked().size() < 2) {
                    continue;
                }
                described++;
                List<String> candidates = a.ranked().stream().map(ScoredDescription::text).toList();
                UnitDescription b = describer.rank(setsB.get(u), candidates, scorerB, priorB);
                if (b.best().text().equals(a.best().text())) {
                    stayed++;
                }
                System.out.printf(Locale.ROOT, "unit %3d A: %s%n         B: %s%n", u, top(a, 4), top(b, 4));
                chance += 1.0 / candidates.size();
            }
            double rate = (double) stayed / described;
            double chanceRate = chance / described;
            System.out.printf(Locale.ROOT, "held-out: %s, %d of %d described units keep their best description"
                    + " (%.3f; chance %.3f)%n", layer, stayed, described, rate, chanceRate);
            assertTrue(described >= 100, "most units get candidates: " + described);
            assertTrue(rate >= 0.5 && rate >= 3 * chanceRate, String.format(Locale.ROOT,
                    "best stays best for %d of %d units (%.3f; chance %.3f)", stayed, described, rate, chanceRate));
        }
    }
}
