package dev.neurolens.milan.concepts;

import dev.neurolens.data.CategoryLabels;
import dev.neurolens.data.ImageLabels;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The concept regions of one image at mask resolution: for each label present, the set of its
 * pixels (all mask layers of all its categories; every pixel for a whole-image label), and the
 * object pixels (any label of the {@code object} category).
 */
final class ImageConcepts {
    private final int width;
    private final int height;
    private final Map<Integer, long[]> regions;
    private final long[] objects;
    private final long[] none;
    private final Map<Integer, long[]> edges = new ConcurrentHashMap<>();

    private ImageConcepts(int width, int height, Map<Integer, long[]> regions, long[] objects) {
        this.width = width;
        this.height = height;
        this.regions = regions;
        this.objects = objects;
        this.none = Bits.empty(width * height);
    }

    /** The regions of an image's labels in the vocabulary's categories. */
    static ImageConcepts of(ImageLabels labels, ConceptVocabulary vocabulary) {
        int w = labels.entry().maskWidth();
        int h = labels.entry().maskHeight();
        int pixels = w * h;
        Map<Integer, long[]> regions = new HashMap<>();
        long[] objects = Bits.empty(pixels);
        for (CategoryLabels c : labels.categories().values()) {
            boolean isObject = c.category().equals(ConceptVocabulary.OBJECT);
            for (int[] mask : c.masks()) {
                for (int i = 0; i < pixels; i++) {
                    int label = mask[i];
                    if (label != 0) {
                        Bits.set(regions.computeIfAbsent(label, k -> Bits.empty(pixels)), i);
                        if (isObject) {
                            Bits.set(objects, i);
                        }
                    }
                }
            }
            for (int label : c.imageLabels()) {
                regions.put(label, Bits.full(pixels));
                if (isObject) {
                    objects = Bits.full(pixels);
                }
            }
        }
        return new ImageConcepts(w, h, regions, objects);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int pixels() {
        return width * height;
    }

    /** The pixels of a label (empty if absent); do not modify. */
    long[] region(int label) {
        return regions.getOrDefault(label, none);
    }

    /**
     * The boundary band of a label's region ({@link Bits#boundary}) with radius
     * {@code max(1, round(min(width, height) / 32))}, computed once; do not modify.
     */
    long[] edges(int label) {
        return edges.computeIfAbsent(label, k -> {
            long[] r = region(k);
            int radius = Math.max(1, (int) Math.round(Math.min(width, height) / 32.0));
            return Bits.isEmpty(r) ? r : Bits.boundary(r, width, height, radius);
        });
    }

    /** Whether the label occurs in the image. */
    boolean has(int label) {
        return regions.containsKey(label);
    }

    /** The labels present. */
    Iterable<Integer> labels() {
        return regions.keySet();
    }

    /** The object pixels; do not modify. */
    long[] objects() {
        return objects;
    }
}
