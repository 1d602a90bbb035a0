package dev.neurolens.data.synth;

/**
 * The object shapes of synthetic scenes. Each is defined in its own unit frame: centred at the
 * origin and inscribed in the unit circle (its circumradius is 1), so that an object of size
 * {@code s} fits in a circle of radius {@code s}. {@link #area()} is the exact area in that frame,
 * which tests compare rendered masks with.
 */
public enum ShapeKind {
    /** A disc. */
    CIRCLE,
    /** An axis-aligned square before rotation (half side 1/sqrt(2)). */
    SQUARE,
    /** An equilateral triangle pointing up before rotation. */
    TRIANGLE,
    /** A five-pointed star (inner radius 0.45). */
    STAR,
    /** An annulus (inner radius 0.55): the hole shows what lies behind. */
    RING,
    /** A plus sign with arms of half width 0.3. */
    CROSS,
    /** A regular hexagon. */
    HEXAGON,
    /** An ellipse with half axes 1 and 0.55. */
    ELLIPSE;

    static final double RING_INNER = 0.55;
    static final double STAR_INNER = 0.45;
    static final double CROSS_HALF_WIDTH = 0.3;
    static final double ELLIPSE_MINOR = 0.55;

    /** The Broden label name, e.g. {@code circle}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the point (u, v) of the unit frame is inside the shape. */
    public boolean contains(double u, double v) {
        double r2 = u * u + v * v;
        if (r2 > 1) {
            return false;
        }
        return switch (this) {
            case CIRCLE -> true;
            case RING -> r2 >= RING_INNER * RING_INNER;
            case ELLIPSE -> u * u + v * v / (ELLIPSE_MINOR * ELLIPSE_MINOR) <= 1;
            case SQUARE -> Math.abs(u) <= Math.sqrt(0.5) && Math.abs(v) <= Math.sqrt(0.5);
            case CROSS -> {
                // two bars with flat ends whose corners touch the unit circle
                double au = Math.abs(u);
                double av = Math.abs(v);
                double l = Math.sqrt(1 - CROSS_HALF_WIDTH * CROSS_HALF_WIDTH);
                yield au <= CROSS_HALF_WIDTH && av <= l || av <= CROSS_HALF_WIDTH && au <= l;
            }
            case TRIANGLE, STAR, HEXAGON -> Polygons.contains(Polygons.of(this), u, v);
        };
    }

    /** The exact area in the unit frame. */
    public double area() {
        return switch (this) {
            case CIRCLE -> Math.PI;
            case RING -> Math.PI * (1 - RING_INNER * RING_INNER);
            case ELLIPSE -> Math.PI * ELLIPSE_MINOR;
            case SQUARE -> 2;
            case CROSS -> {
                // two bars of 2w x 2L (L = sqrt(1 - w^2), the corners touching the unit circle), less their overlap
                double w = CROSS_HALF_WIDTH;
                double l = Math.sqrt(1 - w * w);
                yield 2 * (2 * w) * (2 * l) - (2 * w) * (2 * w);
            }
            case TRIANGLE, STAR, HEXAGON -> Polygons.area(Polygons.of(this));
        };
    }
}
