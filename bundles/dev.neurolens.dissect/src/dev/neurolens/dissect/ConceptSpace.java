package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.Category;
import dev.neurolens.data.Label;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The concepts a dissection scores: every label of the chosen categories, as (category, label)
 * pairs with dense ids {@code 0..size-1}, category by category in code order. A label listed in
 * two categories (Broden's {@code fabric}: material and object) is two concepts, each counted on
 * its own category's masks.
 */
public final class ConceptSpace {
    private final List<String> categories;
    private final int[] base;
    private final int[][] idByNumber;
    private final int[] categoryOf;
    private final int[] numberOf;
    private final String[] names;

    private ConceptSpace(List<String> categories, int[] base, int[][] idByNumber, int[] categoryOf, int[] numberOf,
            String[] names) {
        this.categories = List.copyOf(categories);
        this.base = base;
        this.idByNumber = idByNumber;
        this.categoryOf = categoryOf;
        this.numberOf = numberOf;
        this.names = names;
    }

    /**
     * The concepts of {@code categoryNames} in {@code dataset} (all its categories when empty).
     *
     * @throws NeuroLensException for an unknown category (the message lists the dataset's)
     */
    public static ConceptSpace of(BrodenDataset dataset, List<String> categoryNames) {
        List<String> chosen = categoryNames.isEmpty() ? dataset.categoryNames() : List.copyOf(categoryNames);
        int labelCount = dataset.labelCount();
        int[] base = new int[chosen.size() + 1];
        int[][] idByNumber = new int[chosen.size()][];
        List<Integer> cat = new ArrayList<>();
        List<Integer> number = new ArrayList<>();
        List<String> name = new ArrayList<>();
        for (int c = 0; c < chosen.size(); c++) {
            Category category = dataset.category(chosen.get(c));
            base[c] = cat.size();
            idByNumber[c] = new int[labelCount];
            Arrays.fill(idByNumber[c], -1);
            for (int code = 1; code <= category.size(); code++) {
                Label label = category.label(code);
                if (label == null) {
                    continue;
                }
                idByNumber[c][label.number()] = cat.size();
                cat.add(c);
                number.add(label.number());
                name.add(label.name());
            }
        }
        base[chosen.size()] = cat.size();
        return new ConceptSpace(chosen, base, idByNumber, cat.stream().mapToInt(Integer::intValue).toArray(),
                number.stream().mapToInt(Integer::intValue).toArray(), name.toArray(String[]::new));
    }

    /**
     * A concept space from plain lists, for tests and other sources: {@code labels.get(c)} are the
     * label names of category {@code c}, numbered 1, 2, ... across categories in order.
     */
    public static ConceptSpace of(List<String> categories, List<List<String>> labels) {
        int total = labels.stream().mapToInt(List::size).sum();
        int[] base = new int[categories.size() + 1];
        int[][] idByNumber = new int[categories.size()][total + 1];
        int[] cat = new int[total];
        int[] number = new int[total];
        String[] name = new String[total];
        int id = 0;
        for (int c = 0; c < categories.size(); c++) {
            base[c] = id;
            Arrays.fill(idByNumber[c], -1);
            for (String n : labels.get(c)) {
                idByNumber[c][id + 1] = id;
                cat[id] = c;
                number[id] = id + 1;
                name[id] = n;
                id++;
            }
        }
        base[categories.size()] = id;
        return new ConceptSpace(categories, base, idByNumber, cat, number, name);
    }

    /** The number of concepts. */
    public int size() {
        return names.length;
    }

    /** The categories, in order. */
    public List<String> categories() {
        return categories;
    }

    /** The concept id of label {@code number} in category {@code category} (an index), or -1. */
    public int id(int category, int number) {
        int[] table = idByNumber[category];
        return number >= 0 && number < table.length ? table[number] : -1;
    }

    /** The label name of a concept. */
    public String name(int id) {
        return names[id];
    }

    /** The label number of a concept. */
    public int labelNumber(int id) {
        return numberOf[id];
    }

    /** The category index of a concept. */
    public int categoryIndex(int id) {
        return categoryOf[id];
    }

    /** The category name of a concept. */
    public String category(int id) {
        return categories.get(categoryOf[id]);
    }

    /** The first concept id of category {@code category} (an index). */
    public int first(int category) {
        return base[category];
    }

    /** One past the last concept id of category {@code category} (an index). */
    public int end(int category) {
        return base[category + 1];
    }

    /** The id of a concept by category and label name, or -1. */
    public int find(String category, String name) {
        int c = categories.indexOf(category);
        if (c < 0) {
            return -1;
        }
        for (int id = base[c]; id < base[c + 1]; id++) {
            if (names[id].equals(name)) {
                return id;
            }
        }
        return -1;
    }
}
