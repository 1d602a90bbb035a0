package dev.neurolens.core.explain;

/**
 * Which output an explanation explains: the predicted (top-1) class of each image, or a fixed
 * class index. The score explained is the pre-softmax logit.
 *
 * @param classIndex the class, or {@code -1} for "the predicted class of each image"
 */
public record Target(int classIndex) {

    /** The predicted class of each image. */
    public static final Target PREDICTED = new Target(-1);

    /** Compact constructor: validates. */
    public Target {
        if (classIndex < -1) {
            throw new IllegalArgumentException("class index must be >= 0, got " + classIndex);
        }
    }

    /** A fixed class. */
    public static Target of(int classIndex) {
        return new Target(classIndex);
    }

    /** Parses {@code top}/{@code predicted} or a class index. */
    public static Target parse(String text) {
        String t = text.trim();
        if (t.equals("top") || t.equals("predicted")) {
            return PREDICTED;
        }
        try {
            return of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target must be 'top' or a class index, got '" + text + "'");
        }
    }

    /** Whether this is "the predicted class". */
    public boolean isPredicted() {
        return classIndex < 0;
    }
}
