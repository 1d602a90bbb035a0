package dev.neurolens.featurevis.param;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FourierBasisTest {

    @Test
    void adjointPassesTheDotProductTestForEvenAndOddSizes() {
        for (int[] hw : new int[][] {{8, 8}, {6, 5}, {7, 9}, {1, 4}}) {
            FourierBasis b = new FourierBasis(2, hw[0], hw[1], 1);
            Adjoints.check(b::apply, b::adjoint, b.size(), b.planeSize(), 11);
        }
    }

    /** An independent reference: the inverse real 2-D DFT written as a double sum (numpy's irfft2, ortho). */
    @Test
    void applyIsNumpysOrthonormalInverseRealFftOfTheScaledSpectrumOverFour() {
        for (int[] hw : new int[][] {{6, 6}, {5, 7}}) {
            int h = hw[0];
            int w = hw[1];
            FourierBasis b = new FourierBasis(1, h, w, 1);
            double[] p = Adjoints.random(new Random(3), b.size());
            double[] x = b.apply(p);
            double[] scale = FourierBasis.spectrumScale(h, w, 1);
            int half = w / 2 + 1;
            for (int c = 0; c < 3; c++) {
                for (int n = 0; n < h; n++) {
                    for (int m = 0; m < w; m++) {
                        double sum = 0;
                        for (int k = 0; k < h; k++) {
                            for (int l = 0; l < half; l++) {
                                int at = ((c * h + k) * half + l) * 2;
                                double re = p[at] * scale[k * half + l];
                                double im = p[at + 1] * scale[k * half + l];
                                double angle = 2 * Math.PI * ((double) k * n / h + (double) l * m / w);
                                double weight = l == 0 || 2 * l == w ? 1 : 2;
                                sum += weight * (re * Math.cos(angle) - im * Math.sin(angle));
                            }
                        }
                        double expected = sum / Math.sqrt(h * w) / 4;
                        assertEquals(expected, x[(c * h + n) * w + m], 1e-12, "pixel " + n + "," + m);
                    }
                }
            }
        }
    }

    @Test
    void inverseReproducesThePlanes() {
        FourierBasis b = new FourierBasis(2, 8, 7, 1);
        double[] planes = Adjoints.random(new Random(5), b.planeSize());
        assertArrayEquals(planes, b.apply(b.inverse(planes)), 1e-12);
    }

    /** Lucid's {@code rfft2d_freqs}: numpy's fftfreq, and the scale floor at 1/max(h,w). */
    @Test
    void spectrumScaleFollowsLucid() {
        assertEquals(-0.5, FourierBasis.fftFrequency(2, 4));
        assertEquals(0.25, FourierBasis.fftFrequency(1, 4));
        assertEquals(-0.2, FourierBasis.fftFrequency(4, 5), 1e-15);
        double[] s = FourierBasis.spectrumScale(4, 4, 1);
        assertEquals(4, s[0], 1e-12); // DC: 1 / (1/4)
        assertEquals(4, s[1], 1e-12); // f = 1/4
        assertEquals(2, s[2], 1e-12); // f = 1/2
        assertEquals(1 / Math.sqrt(0.25 * 0.25 + 0.25), s[1 * 3 + 2], 1e-12);
        double[] flat = FourierBasis.spectrumScale(4, 4, 0);
        assertEquals(1, flat[5], 0);
    }

    @Test
    void pixelBasisIsTheIdentity() {
        PixelBasis b = new PixelBasis(2, 3, 4);
        Adjoints.check(b::apply, b::adjoint, b.size(), b.planeSize(), 2);
        assertEquals(72, b.size());
    }
}
