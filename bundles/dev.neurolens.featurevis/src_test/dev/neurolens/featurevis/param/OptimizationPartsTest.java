package dev.neurolens.featurevis.param;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class OptimizationPartsTest {

    /** The gradient through sigmoid, colour matrix and Fourier basis against central differences. */
    @Test
    void parameterizationGradientMatchesFiniteDifferences() {
        for (boolean fourier : new boolean[] {true, false}) {
            SpatialBasis b = fourier ? new FourierBasis(1, 4, 5, 1) : new PixelBasis(1, 4, 5);
            ImageParameterization param = new ImageParameterization(b, true);
            Random r = new Random(8);
            double[] p = Adjoints.random(r, b.size());
            double[] y = Adjoints.random(r, b.planeSize());
            ToDoubleFunction<double[]> f = q -> Adjoints.dot(param.rgb(q), y);
            double[] g = param.gradient(param.rgb(p), y);
            checkGradient(f, p, g, 1e-6);
        }
    }

    @Test
    void parametersOfAnImageReproduceIt() {
        ImageParameterization param = new ImageParameterization(new FourierBasis(2, 6, 6, 1), true);
        double[] rgb = new double[param.basis().planeSize()];
        Random r = new Random(4);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = 0.05 + 0.9 * r.nextDouble();
        }
        assertArrayEquals(rgb, param.rgb(param.parametersOf(rgb)), 1e-9);
    }

    @Test
    void regularizerGradientsMatchFiniteDifferences() {
        Regularizers reg = new Regularizers(0.7, 0.3, 0.5);
        Random r = new Random(3);
        double[] rgb = new double[2 * 3 * 4 * 5];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = r.nextDouble();
        }
        ToDoubleFunction<double[]> penalty = x -> {
            double[] p = reg.apply(x, new double[x.length], 2, 4, 5);
            return -(p[0] + p[1]);
        };
        double[] g = new double[rgb.length];
        reg.apply(rgb, g, 2, 4, 5);
        checkGradient(penalty, rgb, g, 1e-6);
    }

    /** Adam's first step moves every parameter by the learning rate in the gradient's direction. */
    @Test
    void adamFirstStepIsTheLearningRateTimesTheSign() {
        Adam adam = new Adam(3, 0.05);
        double[] p = {1, 2, 3};
        adam.ascend(p, new double[] {4, -0.001, 1e3});
        assertArrayEquals(new double[] {1.05, 1.95, 3.05}, p, 1e-6);
        // constant gradients keep the step at lr (bias correction)
        adam.ascend(p, new double[] {4, -0.001, 1e3});
        assertArrayEquals(new double[] {1.1, 1.9, 3.1}, p, 1e-6);
    }

    static void checkGradient(ToDoubleFunction<double[]> f, double[] x, double[] g, double tolerance) {
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] a = x.clone();
            double[] b = x.clone();
            a[i] += h;
            b[i] -= h;
            double numeric = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (2 * h);
            assertEquals(numeric, g[i], tolerance * Math.max(1, Math.abs(numeric)) + 1e-7, "component " + i);
        }
    }
}
