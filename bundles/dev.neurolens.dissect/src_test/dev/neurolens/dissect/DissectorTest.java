package dev.neurolens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.dissect.compose.CompositionSettings;
import dev.neurolens.testing.Engine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Network Dissection on the real engine: known answers on a hand-built model, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DissectorTest {
    @TempDir
    static Path temp;
    private Engine engine;
    private Path model;

    @BeforeAll
    void start() throws Exception {
        engine = Engine.start();
        model = ColourDetectors.write(Files.createDirectories(temp.resolve("models")));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private static DissectionSettings settings() {
        return DissectionSettings.defaults().withThreads(2).withBatch(7);
    }

    /**
     * Every unit of the colour detectors is labelled with its own colour. With a quantile above
     * every colour's share of the pixels the threshold is 0, so each unit's mask is exactly its
     * colour's pixels: IoU 1. At the default quantile the mask is the top 0.5 % of them (overall,
     * a scene label may then win, as whole-image labels are large): the colour is still the best
     * colour, and no other colour overlaps.
     */
    @Test
    void colourDetectorsAreLabelledWithTheirColours() {
        BrodenDataset ds = Datasets.generate(temp.resolve("colours"), 5, 40, ColourDetectors.SIZE, ColourDetectors.SIZE);
        try (LoadedModel m = engine.open(model)) {
            Dissection exact = new Dissector(settings().withQuantile(0.5)).dissect(m, "detect", ds, Progress.NONE);
            for (UnitDissection u : exact.units()) {
                assertEquals(0f, u.threshold(), "unit " + u.unit());
                assertEquals(ColourDetectors.COLOURS[u.unit()].label(), u.best().label(), "unit " + u.unit());
                assertEquals(1.0, u.best().iou(), 1e-9, "unit " + u.unit());
                assertTrue(u.detector());
            }
            assertEquals(ColourDetectors.COLOURS.length, exact.summary().uniqueDetectors().get("color"));
            assertEquals(0, exact.summary().uniqueDetectors().get("object"));

            Dissection d = new Dissector(settings()).dissect(m, "detect", ds, Progress.NONE);
            assertEquals(ColourDetectors.COLOURS.length, d.units().size());
            assertEquals(32, d.mapHeight());
            ConceptSpace space = d.tally().space();
            int color = space.categories().indexOf("color");
            for (UnitDissection u : d.units()) {
                String colour = ColourDetectors.COLOURS[u.unit()].label();
                ConceptScore best = u.bestByCategory().get("color");
                assertTrue(u.activePixels() > 0, "unit " + u.unit());
                assertEquals(colour, best.label(), "unit " + u.unit());
                for (int id = space.first(color); id < space.end(color); id++) {
                    if (!space.name(id).equals(colour)) {
                        assertEquals(0, d.tally().intersection(u.unit(), id), colour + " vs " + space.name(id));
                    }
                }
                // every activated pixel is of the unit's colour
                assertEquals(u.activePixels(), d.tally().intersection(u.unit(), best.concept()));
            }
            // at half resolution (upsampled back) the colours still win their category
            Dissection pooled = new Dissector(settings()).dissect(m, "pooled", ds, Progress.NONE);
            assertEquals(16, pooled.mapHeight());
            for (UnitDissection u : pooled.units()) {
                assertEquals(ColourDetectors.COLOURS[u.unit()].label(), u.bestByCategory().get("color").label(),
                        "pooled unit " + u.unit());
            }
        }
    }

    /** Exemplars of a colour unit peak on that colour; the 1x1 field is the peak pixel; masks stay on the colour. */
    @Test
    void exemplarsAndFormulas() {
        BrodenDataset ds = Datasets.generate(temp.resolve("exemplars"), 6, 30, ColourDetectors.SIZE,
                ColourDetectors.SIZE);
        try (LoadedModel m = engine.open(model)) {
            Dissection d = new Dissector(settings().withTop(3, false).withComposition(CompositionSettings.DEFAULTS))
                    .dissect(m, "detect", ds, Progress.NONE);
            for (UnitDissection u : d.units()) {
                ExemplarSet set = u.exemplars();
                assertNotNull(set);
                assertEquals(3, set.exemplars().size());
                int rgb = ColourDetectors.COLOURS[u.unit()].rgb();
                float previous = Float.POSITIVE_INFINITY;
                for (Exemplar e : set.exemplars()) {
                    assertTrue(e.score() <= previous);
                    previous = e.score();
                    assertEquals(new Region(e.peakRow(), e.peakColumn(), e.peakRow(), e.peakColumn()), e.field());
                    BufferedImage img = ds.readImage(e.image());
                    if (e.score() > 0) {
                        assertTrue(close(img.getRGB(e.peakColumn(), e.peakRow()), rgb), "unit " + u.unit());
                    }
                    for (int p = e.mask().nextSetBit(0); p >= 0; p = e.mask().nextSetBit(p + 1)) {
                        assertTrue(close(img.getRGB(p % e.maskWidth(), p / e.maskWidth()), rgb));
                    }
                }
                assertNotNull(u.formula(), "unit " + u.unit());
                assertTrue(u.formula().iou() > 0);
            }
        }
    }

    private static boolean close(int argb, int rgb) {
        int d = 0;
        for (int s = 0; s <= 16; s += 8) {
            d += Math.abs(((argb >> s) & 0xff) - ((rgb >> s) & 0xff));
        }
        return d < 50;
    }

    @Test
    void layerThatIsNotFourDimensional() {
        BrodenDataset ds = Datasets.generate(temp.resolve("flat"), 7, 4, ColourDetectors.SIZE, ColourDetectors.SIZE);
        try (LoadedModel m = engine.open(model)) {
            NeuroLensException e = assertThrows(NeuroLensException.class,
                    () -> new Dissector(settings()).dissect(m, "logits", ds, Progress.NONE));
            assertTrue(e.getMessage().contains("'logits'") && e.getMessage().contains("4-D"), e.getMessage());
            NeuroLensException unknown = assertThrows(NeuroLensException.class,
                    () -> new Dissector(settings()).dissect(m, "nope", ds, Progress.NONE));
            assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
        }
    }

    @Test
    void datasetWithoutLabelsForTheCategories() throws Exception {
        Path dir = temp.resolve("nocolour");
        Datasets.generate(dir, 8, 4, ColourDetectors.SIZE, ColourDetectors.SIZE);
        int column = Datasets.column(dir, "color");
        Datasets.editIndex(dir, f -> {
            f[column] = "";
            return f;
        });
        BrodenDataset ds = BrodenDataset.open(dir);
        try (LoadedModel m = engine.open(model)) {
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> new Dissector(
                    settings().withCategories(List.of("color"))).dissect(m, "detect", ds, Progress.NONE));
            assertTrue(e.getMessage().contains("no masks or labels for category color"), e.getMessage());
            NeuroLensException unknown = assertThrows(NeuroLensException.class, () -> new Dissector(
                    settings().withCategories(List.of("colour"))).dissect(m, "detect", ds, Progress.NONE));
            assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        }
    }

    @Test
    void maskSizeThatDiffersFromTheIndex() throws Exception {
        Path dir = temp.resolve("masksize");
        Datasets.generate(dir, 9, 4, ColourDetectors.SIZE, ColourDetectors.SIZE);
        int sh = Datasets.column(dir, "sh");
        int sw = Datasets.column(dir, "sw");
        Datasets.editIndex(dir, f -> {
            f[sh] = "16";
            f[sw] = "16";
            return f;
        });
        BrodenDataset ds = BrodenDataset.open(dir);
        try (LoadedModel m = engine.open(model)) {
            NeuroLensException e = assertThrows(NeuroLensException.class,
                    () -> new Dissector(settings()).dissect(m, "detect", ds, Progress.NONE));
            assertTrue(e.getMessage().contains("32x32") && e.getMessage().contains("16x16"), e.getMessage());
        }
    }

    /** Cancelling after the first batch stops the dissection with a CancelledException. */
    @Test
    void cancellation() {
        BrodenDataset ds = Datasets.generate(temp.resolve("cancel"), 10, 30, ColourDetectors.SIZE,
                ColourDetectors.SIZE);
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Progress cancelling = new Progress() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long units) {
                cancelled.set(true);
            }

            @Override
            public void subTask(String name) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        try (LoadedModel m = engine.open(model)) {
            assertThrows(dev.neurolens.core.progress.CancelledException.class,
                    () -> new Dissector(settings()).dissect(m, "detect", ds, cancelling));
        }
    }

    @Test
    void imagesAreReadLikeTheCli() {
        // the colour model has no sidecar: pixels / 255, no normalization (what the detectors assume)
        try (LoadedModel m = engine.open(model)) {
            assertEquals(255f, m.info().preprocessing().scale());
            assertEquals(ColourDetectors.SIZE, m.info().preprocessing().width());
        }
        assertNotNull(Images.class);
    }
}
