package dev.neurolens.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BilinearMaskTest {

    /** PyTorch: F.interpolate(tensor([[1., 2.], [3., 4.]])[None, None], size=(4, 4), mode="bilinear"). */
    @Test
    void knownUpsampling() {
        float[] map = {1, 2, 3, 4};
        float[] expected = {
            1.00f, 1.25f, 1.75f, 2.00f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.50f, 2.75f, 3.25f, 3.50f,
            3.00f, 3.25f, 3.75f, 4.00f};
        assertArrayEquals(expected, new BilinearMask(2, 2, 4, 4).upsample(map, 0), 1e-6f);
    }

    /** The sparse thresholding finds exactly the pixels a dense upsampling finds, for odd sizes too. */
    @Test
    void sparseEqualsDense() {
        Random random = new Random(7);
        int[][] sizes = {{8, 8, 64, 64}, {7, 5, 112, 113}, {3, 3, 3, 3}, {13, 13, 112, 112}, {4, 6, 9, 31}, {1, 1, 5, 5}};
        for (int[] s : sizes) {
            BilinearMask mask = new BilinearMask(s[0], s[1], s[2], s[3]);
            int plane = s[0] * s[1];
            for (int trial = 0; trial < 40; trial++) {
                float[] maps = new float[3 * plane];
                for (int i = 0; i < maps.length; i++) {
                    maps[i] = random.nextFloat() < 0.7 ? 0 : random.nextFloat() * 4;
                }
                int offset = plane * (trial % 3);
                float t = trial % 5 == 0 ? 0 : random.nextFloat() * 4;
                double[] dense = Reference.upsample(maps, offset, s[0], s[1], s[2], s[3]);
                int[] expected = java.util.stream.IntStream.range(0, dense.length).filter(p -> dense[p] > t).toArray();
                int[] out = new int[s[2] * s[3]];
                int n = mask.activePixels(maps, offset, t, out);
                int[] actual = Arrays.copyOf(out, n);
                Arrays.sort(actual);
                assertArrayEquals(expected, actual, Arrays.toString(s) + " trial " + trial);
            }
        }
    }

    @Test
    void nothingAboveThresholdGivesNothing() {
        float[] map = new float[16];
        Arrays.fill(map, 1f);
        assertEquals(0, new BilinearMask(4, 4, 16, 16).activePixels(map, 0, 1f, new int[256]));
    }
}
