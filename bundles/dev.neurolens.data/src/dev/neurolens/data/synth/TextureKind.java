package dev.neurolens.data.synth;

/**
 * Procedural two-colour textures, named after the Describable Textures Dataset categories that
 * Broden's {@code texture} category comes from. A texture is a pattern of a second colour over
 * a region's base colour, evaluated in the texture's own rotated frame (coordinates {@code t}
 * across and {@code n} along the pattern, in units of the scene height).
 */
public enum TextureKind {
    /** Parallel stripes, half the period wide. */
    STRIPED,
    /** A square grid of round dots. */
    DOTTED,
    /** A checkerboard. */
    CHEQUERED,
    /** Random flecks: each cell of a third of the period is pattern-coloured with probability 0.35. */
    FLECKED,
    /** Stripes bent into a zigzag. */
    ZIGZAGGED;

    private static final double DOT_RADIUS = 0.3;
    private static final double FLECK_DENSITY = 0.35;

    /** The Broden (DTD) label name, e.g. {@code striped}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether the point (t, n) of the texture frame shows the pattern colour.
     *
     * @param period the pattern's period
     * @param seed the seed of random textures ({@link #FLECKED})
     */
    public boolean isPattern(double t, double n, double period, long seed) {
        double a = t / period;
        double b = n / period;
        return switch (this) {
            case STRIPED -> frac(a) < 0.5;
            case DOTTED -> {
                double du = frac(a) - 0.5;
                double dv = frac(b) - 0.5;
                yield du * du + dv * dv < DOT_RADIUS * DOT_RADIUS;
            }
            case CHEQUERED -> ((long) Math.floor(a) + (long) Math.floor(b) & 1) == 0;
            case FLECKED -> SeededRandom.hash01(seed, (long) Math.floor(3 * a), (long) Math.floor(3 * b))
                    < FLECK_DENSITY;
            case ZIGZAGGED -> frac(a + 0.6 * Math.abs(2 * frac(b) - 1)) < 0.5;
        };
    }

    private static double frac(double x) {
        return x - Math.floor(x);
    }
}
