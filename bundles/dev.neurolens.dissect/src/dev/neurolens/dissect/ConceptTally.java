package dev.neurolens.dissect;

import dev.neurolens.data.CategoryLabels;
import dev.neurolens.data.ImageLabels;

/**
 * The counts behind Network Dissection's IoU (Bau et al. 2017, Eq. 1), accumulated image by image
 * over the dataset:
 *
 * <pre>
 * IoU(k, c) = Σ_x |M_k(x) ∩ L_c(x)| / Σ_x |M_k(x) ∪ L_c(x)|
 *           = I(k, c) / (U(k, cat(c)) + L(c) − I(k, c))
 * </pre>
 *
 * with {@code L(c)} the pixels labelled {@code c} (a whole-image label counts every pixel),
 * {@code I(k, c)} the activated pixels of unit {@code k} labelled {@code c}, and
 * {@code U(k, cat)} the activated pixels of {@code k} in the images whose category {@code cat}
 * counts ({@link UnionRule}). Counting is sparse: per image and unit only the activated pixels
 * (about {@code quantile} of them) are visited, each with its few labels — never a dense
 * units × pixels × concepts product. Mask layers are counted one by one, as NetDissect-Lite's
 * {@code bincount} over the stacked layers does.
 *
 * <p>Not thread-safe; tallies of disjoint image sets are {@link #merge merged}.
 */
public final class ConceptTally {
    /** Added to IoU denominators, as NetDissect-Lite does, so that 0/0 is 0. */
    public static final double EPSILON = 1e-10;

    private final ConceptSpace space;
    private final int units;
    private final int categories;
    private final UnionRule rule;
    private final long[] conceptPixels;
    private final long[] unitPixels;
    private final long[] unitCategoryPixels;
    private final long[] intersection;
    private final boolean[] present;
    private long images;

    /** An empty tally of {@code units} units over {@code space}. */
    public ConceptTally(ConceptSpace space, int units, UnionRule rule) {
        this.space = space;
        this.units = units;
        this.categories = space.categories().size();
        this.rule = rule;
        this.conceptPixels = new long[space.size()];
        this.unitPixels = new long[units];
        this.unitCategoryPixels = new long[units * categories];
        this.intersection = new long[units * space.size()];
        this.present = new boolean[categories];
    }

    /**
     * Adds one image.
     *
     * @param labels the image's labels in (at least) the space's categories, masks at the size the
     *     active pixel indices refer to
     * @param active per unit, activated mask pixels as row-major indices (only the first
     *     {@code counts[k]} are read)
     * @param counts per unit, how many pixels are activated
     */
    public void add(ImageLabels labels, int[][] active, int[] counts) {
        images++;
        CategoryLabels[] cats = new CategoryLabels[categories];
        for (int c = 0; c < categories; c++) {
            CategoryLabels cl = labels.category(space.categories().get(c));
            cats[c] = cl;
            present[c] = !cl.isEmpty();
            long pixels = (long) cl.width() * cl.height();
            for (int[] mask : cl.masks()) {
                for (int number : mask) {
                    int id = space.id(c, number);
                    if (id >= 0) {
                        conceptPixels[id]++;
                    }
                }
            }
            for (int number : cl.imageLabels()) {
                int id = space.id(c, number);
                if (id >= 0) {
                    conceptPixels[id] += pixels;
                }
            }
        }
        int size = space.size();
        for (int k = 0; k < units; k++) {
            int n = counts[k];
            if (n == 0) {
                continue;
            }
            unitPixels[k] += n;
            int[] pixels = active[k];
            int row = k * size;
            for (int c = 0; c < categories; c++) {
                if (!present[c]) {
                    continue;
                }
                boolean any = false;
                for (int[] mask : cats[c].masks()) {
                    for (int i = 0; i < n; i++) {
                        int id = space.id(c, mask[pixels[i]]);
                        if (id >= 0) {
                            intersection[row + id]++;
                            any = true;
                        }
                    }
                }
                for (int number : cats[c].imageLabels()) {
                    int id = space.id(c, number);
                    if (id >= 0) {
                        intersection[row + id] += n;
                        any = true;
                    }
                }
                if (rule == UnionRule.IMAGE || any) {
                    unitCategoryPixels[k * categories + c] += n;
                }
            }
        }
    }

    /** Adds the counts of another tally of the same space, units and rule. */
    public void merge(ConceptTally other) {
        if (other.space != space || other.units != units || other.rule != rule) {
            throw new IllegalArgumentException("tallies of different dissections");
        }
        images += other.images;
        add(conceptPixels, other.conceptPixels);
        add(unitPixels, other.unitPixels);
        add(unitCategoryPixels, other.unitCategoryPixels);
        add(intersection, other.intersection);
    }

    private static void add(long[] to, long[] from) {
        for (int i = 0; i < to.length; i++) {
            to[i] += from[i];
        }
    }

    /** The concept space. */
    public ConceptSpace space() {
        return space;
    }

    /** The number of units. */
    public int units() {
        return units;
    }

    /** The number of images added. */
    public long images() {
        return images;
    }

    /** {@code L(c)}: pixels labelled with concept {@code id} over the dataset. */
    public long conceptPixels(int id) {
        return conceptPixels[id];
    }

    /** {@code Σ_x M_k(x)}: activated pixels of unit {@code k} over the dataset. */
    public long unitPixels(int k) {
        return unitPixels[k];
    }

    /** {@code U(k, cat)}: activated pixels of unit {@code k} that count for category index {@code category}. */
    public long unitCategoryPixels(int k, int category) {
        return unitCategoryPixels[k * categories + category];
    }

    /** {@code I(k, c)}: activated pixels of unit {@code k} labelled with concept {@code id}. */
    public long intersection(int k, int id) {
        return intersection[k * space.size() + id];
    }

    /** {@code IoU(k, c)}. */
    public double iou(int k, int id) {
        long i = intersection(k, id);
        long union = unitCategoryPixels(k, space.categoryIndex(id)) + conceptPixels[id] - i;
        return i / (union + EPSILON);
    }
}
