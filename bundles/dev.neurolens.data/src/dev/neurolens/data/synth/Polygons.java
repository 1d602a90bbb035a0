package dev.neurolens.data.synth;

/** The polygon shapes' vertices (in the unit frame) and the geometry on them. */
final class Polygons {
    private static final double[] TRIANGLE = regular(3, -Math.PI / 2);
    private static final double[] HEXAGON = regular(6, 0);
    private static final double[] STAR = star(5, ShapeKind.STAR_INNER);

    private Polygons() {
    }

    /** Vertices x0, y0, x1, y1, ... of a polygon shape (shared: do not modify). */
    static double[] of(ShapeKind shape) {
        return switch (shape) {
            case TRIANGLE -> TRIANGLE;
            case HEXAGON -> HEXAGON;
            case STAR -> STAR;
            default -> throw new IllegalArgumentException(shape + " is not a polygon");
        };
    }

    /** Even-odd crossing test; works for the non-convex star too. */
    static boolean contains(double[] p, double x, double y) {
        boolean inside = false;
        int n = p.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = p[2 * i];
            double yi = p[2 * i + 1];
            double xj = p[2 * j];
            double yj = p[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Shoelace formula. */
    static double area(double[] p) {
        double a = 0;
        int n = p.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            a += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
        }
        return Math.abs(a) / 2;
    }

    private static double[] regular(int n, double start) {
        double[] p = new double[2 * n];
        for (int k = 0; k < n; k++) {
            double a = start + 2 * Math.PI * k / n;
            p[2 * k] = Math.cos(a);
            p[2 * k + 1] = Math.sin(a);
        }
        return p;
    }

    private static double[] star(int points, double inner) {
        double[] p = new double[4 * points];
        for (int k = 0; k < 2 * points; k++) {
            double a = -Math.PI / 2 + Math.PI * k / points;
            double r = k % 2 == 0 ? 1 : inner;
            p[2 * k] = r * Math.cos(a);
            p[2 * k + 1] = r * Math.sin(a);
        }
        return p;
    }
}
