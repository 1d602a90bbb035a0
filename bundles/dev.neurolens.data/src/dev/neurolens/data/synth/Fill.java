package dev.neurolens.data.synth;

/**
 * How a region (the background or an object) is painted: a base colour, and optionally a texture
 * whose pattern shows a second colour.
 *
 * @param color the base colour's name
 * @param rgb the base colour as painted ({@code 0xRRGGBB}; the named colour with jitter)
 * @param texture the texture, or {@code null} for a plain fill
 * @param patternColor the pattern colour's name ({@code null} for a plain fill)
 * @param patternRgb the pattern colour as painted
 * @param period the pattern period in units of the scene height
 * @param angle the pattern's rotation in radians
 * @param phaseX a shift of the pattern along x (scene units)
 * @param phaseY a shift of the pattern along y (scene units)
 * @param seed the seed of random textures
 */
public record Fill(NamedColor color, int rgb, TextureKind texture, NamedColor patternColor, int patternRgb,
        double period, double angle, double phaseX, double phaseY, long seed) {

    /**
     * Checks that a textured fill has a pattern colour and a positive period.
     *
     * @throws IllegalArgumentException if not
     */
    public Fill {
        if (color == null) {
            throw new IllegalArgumentException("a fill needs a colour");
        }
        if (texture != null && (patternColor == null || !(period > 0))) {
            throw new IllegalArgumentException("a textured fill needs a pattern colour and a period > 0");
        }
    }

    /** A plain fill in the named colour's representative RGB. */
    public static Fill plain(NamedColor color) {
        return plain(color, color.rgb());
    }

    /** A plain fill painted with {@code rgb}. */
    public static Fill plain(NamedColor color, int rgb) {
        return new Fill(color, rgb, null, null, 0, 0, 0, 0, 0, 0);
    }

    /** A textured fill with the named colours' representative RGB values, no shift and seed 0. */
    public static Fill textured(NamedColor color, TextureKind texture, NamedColor patternColor, double period,
            double angle) {
        return new Fill(color, color.rgb(), texture, patternColor, patternColor.rgb(), period, angle, 0, 0, 0);
    }

    /** Whether the fill has a texture. */
    public boolean isTextured() {
        return texture != null;
    }
}
