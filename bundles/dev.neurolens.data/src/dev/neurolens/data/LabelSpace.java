package dev.neurolens.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels a dataset is written with: categories in order, each with its label names in code
 * order. Label numbers are assigned 1, 2, ... in order of first appearance (category by category),
 * so they depend only on the vocabulary, never on the data; a name listed in two categories is one
 * label with one number, as in Broden (e.g. {@code fabric} is a material and an object).
 */
public final class LabelSpace {
    private final Map<String, List<String>> categories;
    private final List<String> names;
    private final Map<String, Integer> numbers;

    private LabelSpace(Map<String, List<String>> categories) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        categories.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.categories = Collections.unmodifiableMap(copy);
        List<String> list = new ArrayList<>();
        Map<String, Integer> map = new LinkedHashMap<>();
        for (List<String> labels : copy.values()) {
            for (String name : labels) {
                if (!map.containsKey(name)) {
                    list.add(name);
                    map.put(name, list.size());
                }
            }
        }
        this.names = List.copyOf(list);
        this.numbers = Collections.unmodifiableMap(map);
    }

    /** A builder that adds categories in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects categories and their label names. */
    public static final class Builder {
        private final Map<String, List<String>> categories = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a category with its label names in code order (code 1 first).
         *
         * @throws IllegalArgumentException if the category is already there, its name is not a
         *     plain word (it becomes a CSV column and a file name), or a label name is blank or
         *     repeated
         */
        public Builder category(String name, List<String> labels) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("category name '" + name
                        + "' must be letters, digits, '_' or '-' (it names a column and a file)");
            }
            if (categories.containsKey(name) || Set.of("image", "split", "ih", "iw", "sh", "sw").contains(name)) {
                throw new IllegalArgumentException("category '" + name + "' is already used");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String l : labels) {
                if (l.isBlank() || !seen.add(l)) {
                    throw new IllegalArgumentException("category '" + name + "': label '" + l
                            + "' is blank or repeated");
                }
            }
            categories.put(name, List.copyOf(labels));
            return this;
        }

        /**
         * The label space.
         *
         * @throws IllegalArgumentException if there is no category or no label at all
         */
        public LabelSpace build() {
            if (categories.values().stream().allMatch(List::isEmpty)) {
                throw new IllegalArgumentException("a label space needs at least one category with a label");
            }
            return new LabelSpace(categories);
        }
    }

    /** The category names, in order. */
    public List<String> categories() {
        return List.copyOf(categories.keySet());
    }

    /** The label names of a category, in code order; empty for an unknown category. */
    public List<String> names(String category) {
        return categories.getOrDefault(category, List.of());
    }

    /** The number of labels; numbers run 1..count. */
    public int count() {
        return names.size();
    }

    /** The name of label {@code number} (1..count). */
    public String name(int number) {
        return names.get(number - 1);
    }

    /**
     * The number of a label of a category.
     *
     * @throws IllegalArgumentException if the category has no such label
     */
    public int number(String category, String name) {
        int code = names(category).indexOf(name);
        if (code < 0) {
            throw new IllegalArgumentException("category '" + category + "' has no label '" + name + "'");
        }
        return numbers.get(name);
    }

    /** The dense code (1..) of label {@code number} in a category, or -1 if it is not there. */
    public int code(String category, int number) {
        if (number < 1 || number > names.size()) {
            return -1;
        }
        int i = names(category).indexOf(names.get(number - 1));
        return i < 0 ? -1 : i + 1;
    }

    /** The categories a label number belongs to, in order. */
    public List<String> categoriesOf(int number) {
        List<String> out = new ArrayList<>();
        for (String c : categories.keySet()) {
            if (code(c, number) > 0) {
                out.add(c);
            }
        }
        return out;
    }
}
