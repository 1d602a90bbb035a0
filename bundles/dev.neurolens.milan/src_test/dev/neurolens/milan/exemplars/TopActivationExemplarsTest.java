package dev.neurolens.milan.exemplars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The finder's arithmetic against values computed by hand. */
class TopActivationExemplarsTest {

    @Test
    void quantileInterpolatesLikeNumpy() {
        float[] v = {5, 1, 4, 2, 3};
        // numpy.quantile([1,2,3,4,5], q): position q * 4
        assertEquals(1.0, TopActivationExemplars.quantile(v, 0), 1e-12);
        assertEquals(5.0, TopActivationExemplars.quantile(v, 1), 1e-12);
        assertEquals(4.96, TopActivationExemplars.quantile(v, 0.99), 1e-6);
        assertEquals(3.0, TopActivationExemplars.quantile(v, 0.5), 1e-12);
        assertArrayEquals(new float[] {5, 1, 4, 2, 3}, v, "input untouched");
    }

    @Test
    void bilinearDoublingMatchesPillow() {
        // by hand: source coordinate (x + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped to 0..1
        // (Pillow's triangle filter with half-pixel centres, renormalized at the border, gives the same)
        float[] up = Upsampling.bilinear(new float[] {0, 4, 8, 12}, 2, 2, 4, 4);
        assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, up, 1e-6f);
        float[] same = Upsampling.bilinear(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, 3, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, same, 0f);
    }
}
