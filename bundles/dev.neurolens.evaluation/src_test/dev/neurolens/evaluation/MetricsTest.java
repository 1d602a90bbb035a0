package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Localization metrics, map reduction and mask fitting on hand-built maps and masks. */
class MetricsTest {
    /** A 6x6 mask with the 2x2 block at rows 1-2, columns 3-4 on. */
    private static boolean[] block() {
        boolean[] m = new boolean[36];
        for (int y = 1; y <= 2; y++) {
            for (int x = 3; x <= 4; x++) {
                m[y * 6 + x] = true;
            }
        }
        return m;
    }

    private static Tensor peak(int y, int x) {
        float[] v = new float[36];
        v[y * 6 + x] = 1;
        v[0] = 0.5f;
        return Tensor.wrap(v, 6, 6);
    }

    @Test
    void pointingGameHitsOnlyWhenTheMaximumIsOnTheObject() {
        assertTrue(PointingGame.hit(peak(2, 4), block(), 0));
        assertFalse(PointingGame.hit(peak(4, 1), block(), 0));
        // (3, 4) is one row below the block: a hit only with a tolerance of at least 1 pixel
        assertFalse(PointingGame.hit(peak(3, 4), block(), 0));
        assertTrue(PointingGame.hit(peak(3, 4), block(), 1));
        // (4, 1) is sqrt(2^2 + 2^2) = 2.83 pixels from (2, 3): a hit at 3, not at 2
        assertFalse(PointingGame.hit(peak(4, 1), block(), 2));
        assertTrue(PointingGame.hit(peak(4, 1), block(), 3));
    }

    @Test
    void aConstantMapNeverHitsAndTiesTakeTheFirstMaximum() {
        boolean[] all = new boolean[36];
        java.util.Arrays.fill(all, true);
        assertFalse(PointingGame.hit(Tensor.zeros(6, 6), all, 0), "no maximum to point at");
        float[] v = new float[36];
        v[1 * 6 + 3] = 1; // inside, first in row-major order
        v[5 * 6 + 5] = 1; // outside, later
        assertTrue(PointingGame.hit(Tensor.wrap(v, 6, 6), block(), 0));
        v[0] = 1; // an earlier outside maximum wins the tie
        assertFalse(PointingGame.hit(Tensor.wrap(v, 6, 6), block(), 0));
    }

    @Test
    void energyInMaskCountsPositiveValuesOnly() {
        float[] v = new float[36];
        v[1 * 6 + 3] = 3; // inside
        v[2 * 6 + 4] = 1; // inside
        v[5 * 6 + 0] = 4; // outside
        v[5 * 6 + 1] = -10; // negative: ignored
        assertEquals(0.5, EnergyInMask.of(Tensor.wrap(v, 6, 6), block()), 1e-12);
        float[] uniform = new float[36];
        java.util.Arrays.fill(uniform, 2f);
        assertEquals(4.0 / 36, EnergyInMask.of(Tensor.wrap(uniform, 6, 6), block()), 1e-12, "the object's area share");
        assertEquals(0, EnergyInMask.of(Tensor.zeros(6, 6), block()));
    }

    @Test
    void centreBaselinePeaksAtTheCentre() {
        Tensor odd = CentreBaseline.map(5, 7);
        assertEquals(1f, odd.at(2, 3), 1e-7f);
        assertTrue(odd.at(2, 3) > odd.at(2, 2) && odd.at(2, 2) > odd.at(2, 0) && odd.at(2, 0) > odd.at(0, 0));
        boolean[] centre = new boolean[64 * 64];
        centre[31 * 64 + 31] = true; // the first of the four central pixels of an even image
        assertTrue(PointingGame.hit(CentreBaseline.map(64, 64), centre, 0));
        boolean[] corner = new boolean[64 * 64];
        corner[0] = true;
        assertFalse(PointingGame.hit(CentreBaseline.map(64, 64), corner, 0));
    }

    @Test
    void inputSpaceMapsAreSummedAbsoluteValuesAndCamsTheirUpsampledMap() {
        // [C=2, H=1, W=3] and the same in NHWC
        Tensor chw = Tensor.wrap(new float[] {1, -2, 3, -4, 5, 0}, 2, 1, 3);
        AttributionMap input = new AttributionMap("x", chw, Optional.empty(), 0, "", 0, OptionalDouble.empty());
        assertArrayEquals(new float[] {5, 7, 3}, PixelMaps.of(input, Layout.NCHW).data());
        Tensor hwc = Tensor.wrap(new float[] {1, -4, -2, 5, 3, 0}, 1, 3, 2);
        AttributionMap nhwc = new AttributionMap("x", hwc, Optional.empty(), 0, "", 0, OptionalDouble.empty());
        assertArrayEquals(new float[] {5, 7, 3}, PixelMaps.of(nhwc, Layout.NHWC).data());
        Tensor up = Tensor.wrap(new float[] {0, 1, 2, 3}, 2, 2);
        AttributionMap cam = new AttributionMap("x", Tensor.zeros(1, 1), Optional.of(up), 0, "", 0,
                OptionalDouble.empty());
        assertEquals(up, PixelMaps.of(cam, Layout.NCHW));
    }

    @Test
    void absNormalizationScalesToTheUnitInterval() {
        assertArrayEquals(new float[] {0.25f, 1, 0, 0.5f}, PixelMaps.absNormalized(Tensor.wrap(
                new float[] {-2, 5, 1, 3}, 2, 2)), 1e-7f);
        assertArrayEquals(new float[4], PixelMaps.absNormalized(Tensor.wrap(new float[] {3, -3, 3, 3}, 2, 2)));
    }

    @Test
    void masksFollowTheImageGeometry() {
        Preprocessing stretch = new Preprocessing(4, 2, Preprocessing.ChannelOrder.RGB, Layout.NCHW, 255f,
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, Preprocessing.Resize.STRETCH, List.of());
        // a 2x1 mask (left half on) of an 8x4 image, stretched to 4x2: the left two columns
        boolean[] fitted = MaskFitting.fit(new boolean[] {true, false}, 2, 1, 8, 4, stretch);
        assertArrayEquals(new boolean[] {true, true, false, false, true, true, false, false}, fitted);
        // center-crop of a 6x2 image to a 2x2 input keeps columns 2..3: mask columns 2 (on) and 3 (off)
        Preprocessing crop = Preprocessing.plain(2, 2);
        boolean[] mask = {false, false, true, false, false, false, false, false, true, false, false, false};
        assertArrayEquals(new boolean[] {true, false, true, false}, MaskFitting.fit(mask, 6, 2, 6, 2, crop));
    }
}
