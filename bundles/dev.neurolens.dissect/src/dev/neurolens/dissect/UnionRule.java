package dev.neurolens.dissect;

/**
 * Which of a unit's activated pixels count toward the union {@code |M_k ∪ L_c|} of a concept.
 * Network Dissection counts a unit's pixels for a concept only in images where the concept's
 * category is annotated, so that e.g. images without part annotations do not lower part IoUs.
 */
public enum UnionRule {
    /**
     * The unit's activated pixels of an image count for every concept of a category that the image
     * carries any annotation of (a mask or a whole-image label). The default, and issue 7's
     * definition.
     */
    IMAGE,
    /**
     * NetDissect-Lite's {@code tally_job}: they count only if at least one activated pixel carries
     * a label of the category (or the image has a whole-image label of it). Reproduces its numbers.
     */
    ACTIVATED;

    /** Parses {@code image} or {@code activated} (case-insensitive). */
    public static UnionRule parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "image" -> IMAGE;
            case "activated", "netdissect-lite" -> ACTIVATED;
            default -> throw new IllegalArgumentException("union rule must be 'image' or 'activated', not '" + text + "'");
        };
    }
}
