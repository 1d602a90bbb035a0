package dev.neurolens.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The integration rules' points and weights against known values (numpy's leggauss, Captum). */
class QuadratureTest {

    @Test
    void gaussLegendreNodesAndWeightsForTwoThreeAndFivePoints() {
        double[][] two = Quadrature.gaussLegendre(2);
        double r = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {-r, r}, two[0], 1e-15);
        assertArrayEquals(new double[] {1, 1}, two[1], 1e-15);

        double[][] three = Quadrature.gaussLegendre(3);
        double s = Math.sqrt(3.0 / 5);
        assertArrayEquals(new double[] {-s, 0, s}, three[0], 1e-14);
        assertArrayEquals(new double[] {5.0 / 9, 8.0 / 9, 5.0 / 9}, three[1], 1e-14);

        // numpy.polynomial.legendre.leggauss(5)
        double[][] five = Quadrature.gaussLegendre(5);
        assertArrayEquals(new double[] {-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831,
                0.9061798459386640}, five[0], 1e-14);
        assertArrayEquals(new double[] {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
                0.4786286704993665, 0.2369268850561891}, five[1], 1e-14);
    }

    @Test
    void gaussLegendreMapsToTheUnitIntervalWithHalvedWeights() {
        Quadrature.Nodes n = Quadrature.GAUSS_LEGENDRE.nodes(2);
        double r = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {(1 - r) / 2, (1 + r) / 2}, n.alphas(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, n.weights(), 1e-15);
    }

    @Test
    void gaussLegendreIsExactForPolynomialsOfDegreeTwoNMinusOne() {
        for (int points : new int[] {1, 4, 7, 16, 64, 128}) {
            Quadrature.Nodes n = Quadrature.GAUSS_LEGENDRE.nodes(points);
            int degree = 2 * points - 1;
            double integral = 0;
            for (int i = 0; i < points; i++) {
                integral += n.weights()[i] * Math.pow(n.alphas()[i], degree);
            }
            assertEquals(1.0 / (degree + 1), integral, 1e-12, points + " points");
        }
    }

    @Test
    void everyRuleHasWeightsSummingToOneAndPointsInTheUnitInterval() {
        for (Quadrature q : Quadrature.values()) {
            for (int steps : new int[] {2, 3, 50, 300}) {
                Quadrature.Nodes n = q.nodes(steps);
                double sum = 0;
                for (int i = 0; i < steps; i++) {
                    sum += n.weights()[i];
                    double a = n.alphas()[i];
                    assertEquals(true, a >= 0 && a <= 1, q + " alpha " + a);
                    if (i > 0) {
                        assertEquals(true, a > n.alphas()[i - 1], q + " ascending");
                    }
                }
                assertEquals(1.0, sum, 1e-12, q.id() + " with " + steps + " steps");
            }
        }
    }

    @Test
    void riemannAndTrapezoidPointsAreCaptums() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75}, Quadrature.RIEMANN_LEFT.nodes(4).alphas(), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1}, Quadrature.RIEMANN_RIGHT.nodes(4).alphas(), 1e-15);
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875}, Quadrature.RIEMANN_MIDDLE.nodes(4).alphas(),
                1e-15);
        Quadrature.Nodes t = Quadrature.TRAPEZOID.nodes(5);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, t.alphas(), 1e-15);
        assertArrayEquals(new double[] {0.125, 0.25, 0.25, 0.25, 0.125}, t.weights(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Quadrature.TRAPEZOID.nodes(1));
    }

    @Test
    void idsAreTheParameterValues() {
        assertEquals(List.of("riemann-left", "riemann-right", "riemann-middle", "trapezoid", "gauss-legendre"),
                Quadrature.ids());
        assertEquals(Quadrature.GAUSS_LEGENDRE, Quadrature.of("gauss-legendre"));
    }
}
