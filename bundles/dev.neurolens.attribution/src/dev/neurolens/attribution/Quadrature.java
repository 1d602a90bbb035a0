package dev.neurolens.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The integration rules of Integrated Gradients: for {@code n} steps, the points
 * {@code α_i ∈ [0,1]} on the straight path from the baseline to the input and their weights
 * {@code w_i}, exactly as Captum's {@code approximation_methods} defines them:
 * <ul>
 * <li>{@code riemann-left}: {@code α_i = i/n}, {@code w_i = 1/n} ({@code i = 0..n-1});</li>
 * <li>{@code riemann-right}: {@code α_i = (i+1)/n}, {@code w_i = 1/n};</li>
 * <li>{@code riemann-middle}: {@code α_i = (i+½)/n}, {@code w_i = 1/n};</li>
 * <li>{@code trapezoid}: {@code α_i = i/(n-1)}, {@code w = 1/(n-1)} with half weights at both
 *     ends (needs {@code n ≥ 2});</li>
 * <li>{@code gauss-legendre}: the Gauss–Legendre nodes {@code x_i} of degree {@code n} on
 *     [-1,1] (ascending, as {@code numpy.polynomial.legendre.leggauss}) mapped to
 *     {@code α_i = (1 + x_i)/2}, with weights halved.</li>
 * </ul>
 */
enum Quadrature {
    RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE, TRAPEZOID, GAUSS_LEGENDRE;

    /** Points and weights for one rule and step count. */
    record Nodes(double[] alphas, double[] weights) {
    }

    /** The rule's name as users type it, e.g. {@code riemann-left}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** All names, for parameter choices. */
    static List<String> ids() {
        return Arrays.stream(values()).map(Quadrature::id).toList();
    }

    /** The rule of that name (one of {@link #ids()}). */
    static Quadrature of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * The points and weights for {@code n} steps.
     *
     * @throws IllegalArgumentException if {@code n < 1}, or {@code n < 2} for the trapezoid rule
     */
    Nodes nodes(int n) {
        if (n < (this == TRAPEZOID ? 2 : 1)) {
            throw new IllegalArgumentException(id() + " needs at least " + (this == TRAPEZOID ? 2 : 1)
                    + " steps, got " + n);
        }
        double[] a = new double[n];
        double[] w = new double[n];
        switch (this) {
            case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> {
                double shift = this == RIEMANN_LEFT ? 0 : this == RIEMANN_RIGHT ? 1 : 0.5;
                for (int i = 0; i < n; i++) {
                    a[i] = (i + shift) / n;
                    w[i] = 1.0 / n;
                }
            }
            case TRAPEZOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (double) i / (n - 1);
                    w[i] = (i == 0 || i == n - 1 ? 0.5 : 1.0) / (n - 1);
                }
            }
            case GAUSS_LEGENDRE -> {
                double[][] xw = gaussLegendre(n);
                for (int i = 0; i < n; i++) {
                    a[i] = 0.5 * (1 + xw[0][i]);
                    w[i] = 0.5 * xw[1][i];
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return new Nodes(a, w);
    }

    /**
     * Gauss–Legendre nodes (ascending) and weights on [-1,1] of degree {@code n}: the roots of
     * the Legendre polynomial {@code P_n} by Newton's method from Tricomi's initial guesses, and
     * {@code w_i = 2 / ((1 − x_i²) P_n'(x_i)²)}.
     */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        double[] a = new double[n + 1];
        double[] b = new double[n + 1];
        for (int k = 2; k <= n; k++) {
            a[k] = (2.0 * k - 1) / k;
            b[k] = (k - 1.0) / k;
        }
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int iter = 0; iter < 20; iter++) {
                double[] pd = legendre(n, z, a, b);
                double dz = pd[0] / pd[1];
                z -= dz;
                if (Math.abs(dz) <= 2 * Math.ulp(z)) {
                    break; // converged to rounding: one more step cannot help
                }
            }
            double dp = legendre(n, z, a, b)[1];
            double weight = 2 / ((1 - z * z) * dp * dp);
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = weight;
            w[n - 1 - i] = weight;
        }
        if (n % 2 == 1) {
            x[n / 2] = 0; // exact centre
        }
        return new double[][] {x, w};
    }

    /**
     * {@code P_n(z)} and {@code P_n'(z)} by the three-term recurrence
     * {@code P_k = a_k z P_(k-1) − b_k P_(k-2)} with {@code a_k = (2k−1)/k}, {@code b_k = (k−1)/k}.
     */
    private static double[] legendre(int n, double z, double[] a, double[] b) {
        if (n == 0) {
            return new double[] {1, 0};
        }
        double p0 = 1;
        double p1 = z;
        for (int k = 2; k <= n; k++) {
            double p2 = a[k] * z * p1 - b[k] * p0;
            p0 = p1;
            p1 = p2;
        }
        double dp = n * (z * p1 - p0) / (z * z - 1);
        return new double[] {p1, dp};
    }
}
