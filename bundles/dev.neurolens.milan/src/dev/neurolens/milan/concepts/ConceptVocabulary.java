package dev.neurolens.milan.concepts;

import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.Category;
import dev.neurolens.data.Label;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The concepts of a Broden dataset: one per label, its kind taken from the first of its
 * categories in the order colour, object/part, texture, scene, others (a label in two categories,
 * like Broden's {@code fabric}, is one concept). The {@code object} category, when present, also
 * defines the object pixels of an image (those with any object label), for {@code ... objects on
 * ...} and {@code ... background} phrases.
 */
public final class ConceptVocabulary {
    /** The category whose labels mark object pixels. */
    static final String OBJECT = "object";

    private final List<String> categories;
    private final Map<Integer, Concept> byNumber;
    private final Map<String, Concept> byPhrase;
    private final boolean hasObjects;

    private ConceptVocabulary(List<String> categories, Map<Integer, Concept> byNumber, boolean hasObjects) {
        this.categories = List.copyOf(categories);
        this.byNumber = Collections.unmodifiableMap(byNumber);
        Map<String, Concept> words = new LinkedHashMap<>();
        byNumber.values().forEach(c -> words.putIfAbsent(c.alone(), c));
        this.byPhrase = Collections.unmodifiableMap(words);
        this.hasObjects = hasObjects;
    }

    /** The vocabulary of a dataset. */
    public static ConceptVocabulary of(BrodenDataset dataset) {
        List<Category> ordered = new ArrayList<>(dataset.categories());
        ordered.sort(Comparator.comparingInt(c -> Concept.kindOf(c.name()).ordinal()));
        Map<Integer, Concept> concepts = new LinkedHashMap<>();
        for (Category c : ordered) {
            Concept.Kind kind = Concept.kindOf(c.name());
            for (Label l : c.labelsByCode()) {
                if (l != null && !concepts.containsKey(l.number())) {
                    concepts.put(l.number(), Concept.of(l.number(), l.name(), kind));
                }
            }
        }
        return new ConceptVocabulary(dataset.categoryNames(), concepts,
                dataset.categoryNames().contains(OBJECT));
    }

    /** The categories to read per image. */
    public List<String> categories() {
        return categories;
    }

    /** Whether the dataset marks object pixels (an {@code object} category). */
    public boolean hasObjects() {
        return hasObjects;
    }

    /** The concept of a label number, if it is one. */
    public Optional<Concept> concept(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** Every concept, by label number. */
    public Map<Integer, Concept> concepts() {
        return byNumber;
    }

    /** The concept whose phrase alone is {@code text} ({@code red}, {@code circles}, ...). */
    Optional<Concept> byPhrase(String text) {
        return Optional.ofNullable(byPhrase.get(text));
    }

    /** The concept of a kind whose word is {@code word}. */
    Optional<Concept> byWord(String word, Concept.Kind kind) {
        return byNumber.values().stream().filter(c -> c.kind() == kind && c.word().equals(word)).findFirst();
    }
}
