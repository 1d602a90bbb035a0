package dev.neurolens.data.synth;

/**
 * The eleven basic colour terms that Broden's {@code color} category uses (after van de Weijer et
 * al., "Learning Color Names for Real-World Applications", 2009), each with the sRGB value scenes
 * are painted with before jitter. Broden names these labels with a {@code -c} suffix
 * ({@code red-c}) so they cannot clash with objects of the same name; {@link #label()} does too.
 */
public enum NamedColor {
    /** Black. */
    BLACK(20, 20, 20),
    /** Blue. */
    BLUE(40, 60, 220),
    /** Brown. */
    BROWN(125, 80, 40),
    /** Green. */
    GREEN(30, 160, 40),
    /** Grey. */
    GREY(128, 128, 128),
    /** Orange. */
    ORANGE(250, 140, 20),
    /** Pink. */
    PINK(250, 150, 190),
    /** Purple. */
    PURPLE(130, 50, 170),
    /** Red. */
    RED(215, 25, 30),
    /** White. */
    WHITE(240, 240, 240),
    /** Yellow. */
    YELLOW(245, 225, 30);

    private final int rgb;

    NamedColor(int r, int g, int b) {
        this.rgb = r << 16 | g << 8 | b;
    }

    /** The representative colour as packed {@code 0xRRGGBB}. */
    public int rgb() {
        return rgb;
    }

    /** The plain colour word, e.g. {@code red}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The Broden label name, e.g. {@code red-c}. */
    public String label() {
        return word() + "-c";
    }
}
