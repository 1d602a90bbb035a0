package dev.neurolens.featurevis.param;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformsTest {

    @Test
    void everyRandomTransformationHasAnExactTranspose() {
        Random draws = new Random(1);
        for (boolean reflect : new boolean[] {false, true}) {
            Transforms t = new Transforms(3, reflect, 4, 0.1, 10, 2);
            for (int k = 0; k < 8; k++) {
                Resampling r = t.sample(draws, 16, 12, 10, 14);
                double[] zero = new double[2 * 3 * 16 * 12];
                double[] offset = r.apply(zero);
                Adjoints.check(x -> minus(r.apply(x), offset), r::adjoint, zero.length, 2 * 3 * 10 * 14, k);
            }
        }
    }

    @Test
    void resizeToTheSameSizeIsTheIdentity() {
        Resampling r = Transforms.resize(5, 7, 5, 7);
        double[] x = Adjoints.random(new Random(2), 3 * 35);
        assertArrayEquals(x, r.apply(x), 1e-12);
        assertArrayEquals(x, r.adjoint(x), 1e-12);
    }

    /** Constant padding shows mid grey where the shifted image leaves the frame. */
    @Test
    void constantPaddingFillsWithGreyAndShiftsByTheJitter() {
        Transforms t = new Transforms(2, false, 0, 0, 0, 0);
        // padded 8x8 -> resized to 8x8: output (i, j) = input (i-2, j-2)
        Resampling r = t.geometry(4, 4, 8, 8, 0, 0, 1, 0, 0, 0);
        double[] in = new double[16];
        for (int i = 0; i < 16; i++) {
            in[i] = i;
        }
        double[] out = r.apply(in);
        assertEquals(Transforms.FILL, out[0], 1e-12);
        assertEquals(0, out[2 * 8 + 2], 1e-12);
        assertEquals(15, out[5 * 8 + 5], 1e-12);
        assertEquals(Transforms.FILL, out[7 * 8 + 7], 1e-12);
    }

    /** A rotation by 90 degrees about the centre permutes the pixels exactly. */
    @Test
    void quarterTurnPermutesPixels() {
        Transforms t = new Transforms(0, false, 0, 0, 90, 0);
        Resampling r = t.geometry(3, 3, 3, 3, 0, 0, 1, Math.PI / 2, 0, 0);
        double[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] out = r.apply(in);
        assertEquals(5, out[4], 1e-12);
        double[] sorted = out.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(in, sorted, 1e-9);
        assertNotEquals(in[0], out[0], 1e-9);
    }

    @Test
    void reflectIndexFollowsNumpy() {
        int[] expected = {3, 2, 1, 0, 1, 2, 3, 2, 1, 0};
        for (int i = -3; i <= 6; i++) {
            assertEquals(expected[i + 3], Transforms.reflectIndex(i, 4), "index " + i);
        }
    }

    @Test
    void defaultsScaleLucentsToSmallImages() {
        Transforms d = Transforms.defaults(224);
        assertEquals(new Transforms(12, false, 8, 0.1, 10, 4), d);
        assertEquals(new Transforms(2, false, 2, 0.1, 10, 2), Transforms.defaults(32));
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
