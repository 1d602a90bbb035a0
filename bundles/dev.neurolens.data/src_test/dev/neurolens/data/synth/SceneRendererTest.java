package dev.neurolens.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendered masks agree with the geometry and colours that were drawn. */
class SceneRendererTest {
    private static final SceneLabels LABELS = new SceneLabels(List.of(ShapeKind.values()),
            List.of(NamedColor.values()), List.of(TextureKind.values()), true);
    private static final SceneRenderer CLEAN = new SceneRenderer(LABELS, 0);

    private static Scene single(ShapeKind shape, double size, Fill fill, Fill background) {
        return new Scene(1, background, List.of(new SceneObject(shape, 0.5, 0.5, size, 0.3, fill)), 42);
    }

    private static int count(int[] mask, int label) {
        int n = 0;
        for (int v : mask) {
            n += v == label ? 1 : 0;
        }
        return n;
    }

    @Test
    void objectMaskAreaMatchesTheShapesArea() {
        int side = 256;
        for (ShapeKind shape : ShapeKind.values()) {
            Scene s = single(shape, 0.4, Fill.plain(NamedColor.RED), Fill.plain(NamedColor.GREEN));
            RenderedScene r = CLEAN.render(s, side, side, side, side);
            double measured = count(r.mask(SceneLabels.OBJECT), LABELS.number(shape)) / (double) (side * side);
            double exact = s.objects().get(0).area(); // the scene is 1x1 units
            assertEquals(exact, measured, 0.02 * exact, shape + ": mask area vs analytic area");
            assertEquals(count(r.mask(SceneLabels.OBJECT), LABELS.number(shape)),
                    count(r.mask(SceneLabels.COLOR), LABELS.number(NamedColor.RED)), shape + ": red pixels = object");
        }
    }

    @Test
    void colourMaskNamesThePaintedColour() {
        SceneRenderer noisy = new SceneRenderer(LABELS, 3);
        for (NamedColor c : NamedColor.values()) {
            NamedColor bg = c == NamedColor.BLUE ? NamedColor.YELLOW : NamedColor.BLUE;
            RenderedScene r = noisy.render(single(ShapeKind.SQUARE, 0.3, Fill.plain(c), Fill.plain(bg)), 32, 32, 32,
                    32);
            int[] color = r.mask(SceneLabels.COLOR);
            for (int i = 0; i < color.length; i++) {
                NamedColor named = color[i] == LABELS.number(c) ? c : bg;
                assertEquals(LABELS.number(named), color[i]);
                assertClose(named.rgb(), r.rgb()[i], 3);
            }
            assertEquals(LABELS.number(c), color[16 * 32 + 16], "the centre is the object");
        }
    }

    @Test
    void laterObjectsCoverEarlierOnes() {
        Scene s = new Scene(1, Fill.plain(NamedColor.WHITE), List.of(
                new SceneObject(ShapeKind.CIRCLE, 0.4, 0.5, 0.3, 0, Fill.plain(NamedColor.RED)),
                new SceneObject(ShapeKind.SQUARE, 0.6, 0.5, 0.3, 0, Fill.plain(NamedColor.BLUE))), 1);
        RenderedScene r = CLEAN.render(s, 100, 100, 100, 100);
        int overlap = 50 * 100 + 50; // inside both
        assertEquals(LABELS.number(ShapeKind.SQUARE), r.mask(SceneLabels.OBJECT)[overlap]);
        assertEquals(LABELS.number(NamedColor.BLUE), r.mask(SceneLabels.COLOR)[overlap]);
        assertEquals(NamedColor.BLUE.rgb(), r.rgb()[overlap]);
        assertEquals(LABELS.number(ShapeKind.CIRCLE), r.mask(SceneLabels.OBJECT)[50 * 100 + 15]);
        assertEquals(0, r.mask(SceneLabels.OBJECT)[2]);
        assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.stream(CLEAN.regions(s, 100, 100)).distinct()
                .sorted().toArray());
    }

    @Test
    void ringHoleShowsTheBackground() {
        Scene s = single(ShapeKind.RING, 0.4, Fill.plain(NamedColor.RED), Fill.plain(NamedColor.GREEN));
        RenderedScene r = CLEAN.render(s, 65, 65, 65, 65);
        int centre = 32 * 65 + 32;
        assertEquals(0, r.mask(SceneLabels.OBJECT)[centre]);
        assertEquals(LABELS.number(NamedColor.GREEN), r.mask(SceneLabels.COLOR)[centre]);
    }

    @Test
    void texturesCoverTheirRegionWithTwoColoursInTheExpectedShare() {
        double[] expected = {0.5, Math.PI * 0.3 * 0.3, 0.5, 0.35, 0.5};
        for (TextureKind t : TextureKind.values()) {
            Fill bg = new Fill(NamedColor.WHITE, NamedColor.WHITE.rgb(), t, NamedColor.BLACK, NamedColor.BLACK.rgb(),
                    0.1, 0.4, 0.03, 0.07, 99);
            RenderedScene r = CLEAN.render(new Scene(1, bg, List.of(), 5), 200, 200, 200, 200);
            int[] texture = r.mask(SceneLabels.TEXTURE);
            assertEquals(200 * 200, count(texture, LABELS.number(t)), t + " covers the background");
            double share = count(r.mask(SceneLabels.COLOR), LABELS.number(NamedColor.BLACK)) / (200.0 * 200);
            assertEquals(expected[t.ordinal()], share, 0.05, t + ": share of pattern pixels");
            assertEquals(List.of(LABELS.sceneNumber(bg)), r.imageLabels().get(SceneLabels.SCENE));
            assertEquals(t.label() + " background", SceneLabels.sceneLabel(t));
        }
    }

    @Test
    void plainRegionsHaveNoTextureLabel() {
        Fill striped = Fill.textured(NamedColor.RED, TextureKind.STRIPED, NamedColor.YELLOW, 0.1, 0);
        RenderedScene r = CLEAN.render(single(ShapeKind.CIRCLE, 0.3, striped, Fill.plain(NamedColor.BLUE)), 64, 64, 64,
                64);
        int[] object = r.mask(SceneLabels.OBJECT);
        int[] texture = r.mask(SceneLabels.TEXTURE);
        for (int i = 0; i < object.length; i++) {
            assertEquals(object[i] == 0 ? 0 : LABELS.number(TextureKind.STRIPED), texture[i]);
        }
    }

    @Test
    void masksAtAnotherResolutionSampleTheSameScene() {
        Scene s = single(ShapeKind.STAR, 0.4, Fill.plain(NamedColor.RED), Fill.plain(NamedColor.GREEN));
        RenderedScene big = CLEAN.render(s, 128, 128, 32, 32);
        RenderedScene small = CLEAN.render(s, 32, 32, 32, 32);
        assertEquals(128 * 128, big.rgb().length);
        assertArrayEquals(small.mask(SceneLabels.OBJECT), big.mask(SceneLabels.OBJECT));
        // wide images keep shapes round: x spans 0..2 scene units
        Scene wide = new Scene(2, Fill.plain(NamedColor.GREEN),
                List.of(new SceneObject(ShapeKind.CIRCLE, 1, 0.5, 0.4, 0, Fill.plain(NamedColor.RED))), 1);
        int[] m = CLEAN.render(wide, 200, 100, 200, 100).mask(SceneLabels.OBJECT);
        assertEquals(Math.PI * 0.16, count(m, LABELS.number(ShapeKind.CIRCLE)) / (100.0 * 100), 0.02);
    }

    @Test
    void unknownVocabularyIsRefused() {
        SceneLabels few = new SceneLabels(List.of(ShapeKind.CIRCLE), List.of(NamedColor.RED), List.of(), false);
        Scene s = single(ShapeKind.SQUARE, 0.3, Fill.plain(NamedColor.RED), Fill.plain(NamedColor.RED));
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(few, 0).render(s, 8, 8, 8, 8));
        assertTrue(new SceneRenderer(few, 0).render(single(ShapeKind.CIRCLE, 0.3, Fill.plain(NamedColor.RED),
                Fill.plain(NamedColor.RED)), 8, 8, 8, 8).imageLabels().isEmpty());
    }

    static void assertClose(int expectedRgb, int actualRgb, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expectedRgb >> shift) & 0xff;
            int a = (actualRgb >> shift) & 0xff;
            assertTrue(Math.abs(e - a) <= tolerance, String.format("%06x vs %06x", expectedRgb, actualRgb));
        }
    }
}
