package dev.neurolens.graph.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The phase tables of {@link PolyphaseConv} against a direct enumeration of the taps of the
 * strided Conv's VJP (the numbers themselves are checked against finite differences in the
 * engine's ConvGradientTest).
 */
class PolyphaseConvTest {

    @Test
    void resnetStrideTwoKernelThree() {
        // in 32, out 16, k 3, s 2, pad 1: even input rows i = 2q take w[1]·g[q]; odd rows take w[0]·g[q+1] + w[2]·g[q]
        PolyphaseConv.Axis a = PolyphaseConv.Axis.of(32, 16, 3, 2, 1, 1).orElseThrow();
        assertEquals(2, a.span());
        assertEquals(0, a.padBegin());
        assertEquals(1, a.padEnd());
        assertEquals(16, a.rows());
        assertArrayEquals(new int[] {1, -1}, a.tap()[0]);
        assertArrayEquals(new int[] {2, 0}, a.tap()[1]);
    }

    @Test
    void everyTapOfEveryGeometryAppearsOnceAtItsOffset() {
        for (long in = 4; in <= 9; in++) {
            for (long k = 1; k <= 4; k++) {
                for (long s = 2; s <= 3; s++) {
                    for (long d = 1; d <= 2; d++) {
                        for (long p = 0; p <= 2; p++) {
                            long kEff = d * (k - 1) + 1;
                            long out = (in + 2 * p - kEff) / s + 1;
                            if (out < 1) {
                                continue;
                            }
                            check(in, out, k, s, d, p);
                        }
                    }
                }
            }
        }
    }

    /** For each input index i and tap κ with o = (i + p − κ·d)/s an integer in [0, out): the table reads g[o] with w[κ]. */
    private static void check(long in, long out, long k, long s, long d, long p) {
        var axis = PolyphaseConv.Axis.of(in, out, k, s, d, p);
        if (axis.isEmpty()) {
            return; // ConvTranspose then
        }
        PolyphaseConv.Axis a = axis.get();
        String where = "in " + in + " k " + k + " s " + s + " d " + d + " p " + p;
        for (long i = 0; i < in; i++) {
            long q = i / s;
            int r = (int) (i % s);
            int[] expected = new int[(int) k];
            int[] actual = new int[(int) k];
            for (int kappa = 0; kappa < k; kappa++) {
                long num = i + p - kappa * d;
                expected[kappa] = num >= 0 && num % s == 0 && num / s < out ? (int) (num / s) : -1;
                actual[kappa] = -1;
            }
            for (int j = 0; j < a.span(); j++) {
                int kappa = a.tap()[r][j];
                if (kappa >= 0) {
                    long o = q + j - a.padBegin(); // the Conv's window over g padded by padBegin
                    assertTrue(actual[kappa] == -1, where);
                    actual[kappa] = o >= 0 && o < out ? (int) o : -1;
                }
            }
            assertArrayEquals(expected, actual, where + " i " + i);
        }
        assertEquals(out, a.rows() + a.span() - 1 - a.padBegin() - a.padEnd(), where + ": Conv output rows");
    }
}
