package dev.neurolens.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded labels of one image of a Broden dataset, for the categories that were asked for.
 *
 * @param entry the image's row of {@code index.csv}
 * @param categories the labels per category, in the order asked for
 */
public record ImageLabels(IndexEntry entry, Map<String, CategoryLabels> categories) {

    /** Copies the map so the record stays immutable. */
    public ImageLabels {
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    /**
     * The labels of one category.
     *
     * @throws IllegalArgumentException if the category was not read
     */
    public CategoryLabels category(String name) {
        CategoryLabels c = categories.get(name);
        if (c == null) {
            throw new IllegalArgumentException("category '" + name + "' was not read; read: " + categories.keySet());
        }
        return c;
    }
}
