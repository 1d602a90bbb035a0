package dev.neurolens.milan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crop window around an exemplar's region, and the order of supporting exemplars. */
class ExemplarPicturesTest {

    private static Exemplar region(int x0, int y0, int x1, int y1) {
        BitSet m = new BitSet();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m.set(y * 64 + x);
            }
        }
        return new Exemplar(0, 1, 64, 64, m);
    }

    @Test
    void cropIsTwiceTheRegionAtLeastHalfTheImageInsideTheMask() {
        // a 20x10 box at (10..29, 40..49): side 2 * 20 = 40, centred on (20, 45), moved inside
        assertArrayEquals(new int[] {0, 24, 40, 64}, ExemplarPictures.crop(region(10, 40, 30, 50)));
        // a tiny region: at least half the image (32), centred
        assertArrayEquals(new int[] {16, 16, 48, 48}, ExemplarPictures.crop(region(31, 31, 33, 33)));
        // a large one: never more than the image
        assertArrayEquals(new int[] {0, 0, 64, 64}, ExemplarPictures.crop(region(0, 0, 50, 40)));
        assertArrayEquals(new int[] {0, 0, 64, 64}, ExemplarPictures.crop(new Exemplar(0, 1, 64, 64, new BitSet())));
    }

    @Test
    void supportingExemplarsComeBestFitFirst() {
        ExemplarSet set = new ExemplarSet(new Unit("l", 0), 0, List.of(region(0, 0, 1, 1), region(0, 0, 2, 2),
                region(0, 0, 3, 3)));
        UnitDescription d = new UnitDescription(set, List.of(new ScoredDescription("x", 0, 0, 0)),
                new double[] {0.2, 0.9, 0.2});
        assertEquals(List.of(1, 0), ExemplarPictures.supporting(d, 2));
    }
}
