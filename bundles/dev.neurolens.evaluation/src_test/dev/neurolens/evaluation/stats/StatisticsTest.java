package dev.neurolens.evaluation.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Spearman, SSIM and the trapezoid rule against known values. The reference numbers were computed
 * offline with Debian's scipy 1.10.1 ({@code scipy.stats.spearmanr}, {@code rankdata}) and
 * scikit-image 0.19.3 ({@code skimage.metrics.structural_similarity(a, b, data_range=1.0)} on the
 * float64 copies of the same arrays), numpy 1.24.2.
 */
class StatisticsTest {
    private static final float[] U = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    private static final float[] V = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8};

    @Test
    void tiesGetAverageRanksAsScipyRankdata() {
        assertArrayEquals(new double[] {4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5}, Ranks.average(U), 0);
        assertArrayEquals(new double[] {4, 6, 1.5, 8.5, 4, 8.5, 1.5, 8.5, 4, 8.5}, Ranks.average(V), 0);
    }

    @Test
    void spearmanMatchesScipyWithTies() {
        assertEquals(0.13471506281091267, SpearmanCorrelation.of(U, V), 1e-12);
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(0.39145378315603935, SpearmanCorrelation.of(U, w), 1e-12);
    }

    @Test
    void spearmanOfMonotoneMapsIsOneAndOfReversedMinusOne() {
        float[] a = {0.1f, 5, 2, 7, 3};
        float[] squared = {0.01f, 25, 4, 49, 9};
        float[] negated = {-0.1f, -5, -2, -7, -3};
        assertEquals(1, SpearmanCorrelation.of(a, squared), 1e-12);
        assertEquals(-1, SpearmanCorrelation.of(a, negated), 1e-12);
    }

    @Test
    void constantSamplesHaveADefinedCorrelation() {
        float[] flat = {2, 2, 2, 2};
        assertEquals(0, SpearmanCorrelation.of(flat, new float[] {1, 2, 3, 4}));
        assertEquals(1, SpearmanCorrelation.of(flat, flat));
        assertThrows(IllegalArgumentException.class, () -> SpearmanCorrelation.of(new float[] {1}, new float[] {1}));
    }

    /** a[y][x] = ((7x + 3y) mod 11) / 10, b = 0.6 a + ((x y) mod 5) / 20, on 10x12. */
    @Test
    void ssimMatchesScikitImage() {
        int h = 10;
        int w = 12;
        float[] a = new float[h * w];
        float[] b = new float[h * w];
        float[] c = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = (float) (((x * 7 + y * 3) % 11) / 10.0);
                b[y * w + x] = (float) (a[y * w + x] * 0.6 + ((x * y) % 5) / 20.0);
                c[y * w + x] = 1 - a[y * w + x];
            }
        }
        assertEquals(0.8247147471619813, Ssim.of(a, b, h, w, 1.0), 1e-7);
        assertEquals(-0.9904318029681841, Ssim.of(a, c, h, w, 1.0), 1e-6);
        assertEquals(1.0, Ssim.of(a, a, h, w, 1.0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(new float[36], new float[36], 6, 6, 1));
    }

    @Test
    void trapezoidAreas() {
        assertEquals(0.5, Trapezoid.area(new double[] {1, 0}), 0);
        assertEquals(0.375, Trapezoid.area(new double[] {1, 0.6, 0.3, 0.1, 0}), 1e-15);
        // y = x^2 at 5 points: (1/4)(0/2 + 1/16 + 1/4 + 9/16 + 1/2) = 11/32
        assertEquals(11.0 / 32, Trapezoid.area(new double[] {0, 1.0 / 16, 0.25, 9.0 / 16, 1}), 1e-15);
    }
}
