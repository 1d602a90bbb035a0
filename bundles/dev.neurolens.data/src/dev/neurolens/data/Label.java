package dev.neurolens.data;

import java.util.List;
import java.util.Map;

/**
 * One row of a Broden {@code label.csv}: a concept with a dataset-wide number.
 *
 * @param number the label number used in masks and in {@code index.csv} (1 or more; 0 means "no
 *     label" and has no row)
 * @param name the label's name, e.g. {@code dog}, {@code red-c}, {@code striped}
 * @param categories for each category the label occurs in, the number of images it occurs in
 *     there, in file order (Broden lists the most frequent first); empty if the file has no
 *     {@code category} column
 * @param frequency the number of images the label occurs in (0 if the file does not say)
 * @param coverage the summed share of image pixels the label covers, in whole images (0 if the
 *     file does not say)
 * @param synonyms other names of the label (may be empty)
 */
public record Label(int number, String name, Map<String, Integer> categories, int frequency, double coverage,
        List<String> synonyms) {

    /** Copies the collections so the record stays immutable. */
    public Label {
        categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
        synonyms = List.copyOf(synonyms);
    }
}
