package dev.neurolens.featurevis.param;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColorAndInputTest {

    @Test
    void decorrelationIsLucidsMatrixOverItsLargestColumnNorm() {
        double[][] c = ColorDecorrelation.matrix();
        double norm = Math.sqrt(0.26 * 0.26 + 0.27 * 0.27 + 0.27 * 0.27);
        assertEquals(0.26 / norm, c[0][0], 1e-12);
        assertEquals(-0.05 / norm, c[1][2], 1e-12);
        assertEquals(-0.09 / norm, c[2][1], 1e-12);
        double[] pixel = {1, 0, 0};
        assertArrayEquals(new double[] {0.26 / norm, 0.27 / norm, 0.27 / norm}, ColorDecorrelation.apply(pixel, 1),
                1e-12);
    }

    @Test
    void decorrelationAdjointAndInverse() {
        int pixels = 5;
        Adjoints.check(x -> ColorDecorrelation.apply(x, pixels), y -> ColorDecorrelation.adjoint(y, pixels),
                2 * 3 * pixels, 2 * 3 * pixels, 4);
        double[] rgb = Adjoints.random(new Random(1), 2 * 3 * pixels);
        assertArrayEquals(rgb, ColorDecorrelation.apply(ColorDecorrelation.inverse(rgb, pixels), pixels), 1e-12);
    }

    @Test
    void modelInputAdjointForEveryChannelOrderAndLayout() {
        for (Preprocessing.ChannelOrder order : Preprocessing.ChannelOrder.values()) {
            for (Preprocessing.Layout layout : Preprocessing.Layout.values()) {
                int c = order.channels();
                float[] mean = c == 3 ? new float[] {0.4f, 0.5f, 0.6f} : new float[] {0.3f};
                float[] std = c == 3 ? new float[] {0.2f, 0.25f, 0.3f} : new float[] {0.5f};
                Preprocessing p = new Preprocessing(4, 3, order, layout, 255f, mean, std,
                        Preprocessing.Resize.STRETCH, List.of());
                ModelInput in = new ModelInput(p);
                int batch = 2;
                double[] zero = new double[batch * 3 * 12];
                float[] offset = in.apply(zero, batch).data();
                Adjoints.check(x -> {
                    float[] y = in.apply(x, batch).data();
                    double[] d = new double[y.length];
                    for (int i = 0; i < y.length; i++) {
                        d[i] = y[i] - offset[i];
                    }
                    return d;
                }, y -> {
                    float[] f = new float[y.length];
                    for (int i = 0; i < y.length; i++) {
                        f[i] = (float) y[i];
                    }
                    return in.adjoint(Tensor.wrap(f, p.batchShape(batch)), batch);
                }, zero.length, batch * c * 12, 9, 1e-5); // float32 tensors
            }
        }
    }

    /** The preprocessing matches Images.toTensor: (v·255/scale − mean)/std per channel, BGR swapped. */
    @Test
    void modelInputMatchesThePreprocessingOfImages() {
        Preprocessing p = new Preprocessing(1, 1, Preprocessing.ChannelOrder.BGR, Preprocessing.Layout.NCHW, 1f,
                new float[] {100, 110, 120}, new float[] {2, 4, 8}, Preprocessing.Resize.STRETCH, List.of());
        float[] v = new ModelInput(p).apply(new double[] {1.0, 0.5, 0.0}, 1).data();
        assertEquals((0 - 100) / 2f, v[0], 1e-4); // blue
        assertEquals((127.5f - 110) / 4f, v[1], 1e-4); // green
        assertEquals((255 - 120) / 8f, v[2], 1e-4); // red
    }
}
