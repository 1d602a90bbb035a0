package dev.neurolens.featurevis.param;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.UnaryOperator;

/** The dot-product test of a linear map and its transpose: {@code <A x, y> = <x, Aᵀ y>}. */
final class Adjoints {
    private Adjoints() {
    }

    static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        assertEquals(a.length, b.length, "lengths");
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Checks the transpose on three random pairs, to a relative 1e-10. */
    static void check(UnaryOperator<double[]> a, UnaryOperator<double[]> transpose, int in, int out, long seed) {
        check(a, transpose, in, out, seed, 1e-10);
    }

    /** Checks the transpose on three random pairs, to the given relative tolerance. */
    static void check(UnaryOperator<double[]> a, UnaryOperator<double[]> transpose, int in, int out, long seed,
            double tolerance) {
        Random r = new Random(seed);
        for (int k = 0; k < 3; k++) {
            double[] x = random(r, in);
            double[] y = random(r, out);
            double lhs = dot(a.apply(x), y);
            double rhs = dot(x, transpose.apply(y));
            assertEquals(lhs, rhs, tolerance * Math.max(1, Math.abs(lhs)), "<Ax,y> vs <x,A^T y>");
        }
    }
}
