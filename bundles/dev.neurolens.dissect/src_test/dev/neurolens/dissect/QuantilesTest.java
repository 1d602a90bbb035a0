package dev.neurolens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantilesTest {
    private static final int UNITS = 3;
    private static final int PLANE = 49;
    private static final int IMAGES = 300;

    /** Activations [IMAGES, UNITS, 7, 7]: ReLU-like (many exact zeros, ties), one unit with negatives. */
    private static float[] data(long seed) {
        Random r = new Random(seed);
        float[] d = new float[IMAGES * UNITS * PLANE];
        for (int i = 0; i < d.length; i++) {
            int unit = (i / PLANE) % UNITS;
            double g = r.nextGaussian();
            d[i] = switch (unit) {
                case 0 -> (float) Math.max(0, g);
                case 1 -> Math.round(Math.max(0, g) * 4) / 4f;
                default -> (float) (g * 3);
            };
        }
        return d;
    }

    private static float[] unit(float[] d, int k) {
        float[] v = new float[IMAGES * PLANE];
        for (int i = 0; i < IMAGES; i++) {
            System.arraycopy(d, (i * UNITS + k) * PLANE, v, i * PLANE, PLANE);
        }
        return v;
    }

    @Test
    void exactEqualsNumpyLinearQuantile() {
        float[] d = data(1);
        for (double q : new double[] {0.005, 0.01, 0.2, 0.5, 0.9}) {
            ExactQuantiles exact = new ExactQuantiles(q, UNITS, PLANE, IMAGES);
            for (int from = 0; from < IMAGES; from += 17) {
                int n = Math.min(17, IMAGES - from);
                float[] batch = java.util.Arrays.copyOfRange(d, from * UNITS * PLANE, (from + n) * UNITS * PLANE);
                exact.add(batch, n);
            }
            UnitThresholds t = exact.thresholds();
            assertTrue(t.exact());
            for (int k = 0; k < UNITS; k++) {
                assertEquals((float) Reference.quantile(unit(d, k), 1 - q), t.of(k), "unit " + k + " q " + q);
            }
        }
    }

    @Test
    void sketchStaysWithinItsRelativeError() {
        float[] d = data(2);
        double accuracy = 0.01;
        for (double q : new double[] {0.005, 0.05, 0.6}) {
            QuantileSketch sketch = new QuantileSketch(q, accuracy, UNITS, PLANE);
            sketch.add(d, IMAGES);
            UnitThresholds t = sketch.thresholds();
            assertFalse(t.exact());
            assertEquals(accuracy, t.relativeError());
            for (int k = 0; k < UNITS; k++) {
                double expected = Reference.quantile(unit(d, k), 1 - q);
                assertEquals(expected, t.of(k), accuracy * Math.abs(expected) + 1e-6, "unit " + k + " q " + q);
            }
        }
    }
}
