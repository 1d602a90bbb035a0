package dev.neurolens.milan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.NamedColor;
import dev.neurolens.data.synth.ShapeKind;
import dev.neurolens.milan.concepts.ConceptDescriptionModel;
import dev.neurolens.milan.exemplars.DissectionExemplars;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole procedure on a model built to detect exactly red circles ({@link RedCircleModel}):
 * exemplars found by running the model on generated scenes, described with the bundled model and
 * prior at the default lambda.
 */
class HandBuiltModelTest {
    @TempDir
    static Path dir;
    static Engine engine;
    static List<UnitDescription> described;

    @BeforeAll
    static void describe() throws Exception {
        engine = Engine.start();
        BrodenDataset ds = Scenes.generate(GeneratorConfig.builder().seed(21).count(800).threads(2)
                .shapes(List.of(ShapeKind.CIRCLE, ShapeKind.SQUARE, ShapeKind.TRIANGLE, ShapeKind.STAR, ShapeKind.CROSS))
                .colors(List.of(NamedColor.RED, NamedColor.BLUE, NamedColor.GREEN, NamedColor.YELLOW, NamedColor.WHITE,
                        NamedColor.GREY))
                .objectSize(0.24, 0.27).build(), dir.resolve("scenes"));
        Path model = RedCircleModel.write(dir.resolve("red-circles.onnx"));
        try (LoadedModel m = engine.open(model)) {
            List<ExemplarSet> sets = new DissectionExemplars().find(m, ds, RedCircleModel.LAYER, 15, Progress.NONE);
            assertEquals(3, sets.size());
            described = new UnitDescriber(UnitDescriber.DEFAULT_LAMBDA, 40).describe(sets,
                    new ConceptDescriptionModel().scorer(ds), new UnitPopulationPrior(), Progress.NONE);
        }
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theRedCircleUnitIsDescribedWithBothWordsAheadOfEachAlone() {
        UnitDescription d = described.get(0);
        String best = d.best().text();
        assertTrue(best.contains("red") && best.contains("circle"), d.ranked().toString());
        ScoredDescription red = Scenes.candidate(d, "red");
        ScoredDescription circles = Scenes.candidate(d, "circles");
        assertNotNull(red, d.ranked().toString());
        assertNotNull(circles, d.ranked().toString());
        assertTrue(d.best().pmi() > red.pmi() && d.best().pmi() > circles.pmi(), d.ranked().toString());
        assertEquals(15, d.exemplars().size());
    }

    @Test
    void theRednessUnitIsRed() {
        UnitDescription d = described.get(1);
        assertTrue(d.best().text().startsWith("red"), d.ranked().toString());
        assertTrue(!d.best().text().contains("circle"), d.ranked().toString());
    }

    @Test
    void theConstantUnitHasNothingToDescribeAndTheLowestPmi() {
        UnitDescription constant = described.get(2);
        // its threshold is its only value: no pixel exceeds it, so no exemplar has a region
        assertEquals(1.0, constant.exemplars().threshold(), 0.0);
        assertTrue(constant.exemplars().exemplars().stream().allMatch(e -> e.area() == 0));
        assertEquals(UnitDescriber.NONE, constant.best().text());
        assertTrue(constant.best().pmi() < described.get(0).best().pmi() - 1);
        assertTrue(constant.best().pmi() < described.get(1).best().pmi() - 1);
    }
}
