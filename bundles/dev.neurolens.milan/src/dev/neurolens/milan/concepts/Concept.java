package dev.neurolens.milan.concepts;

import java.util.Locale;

/**
 * A label of the concept dataset as a word of the grammar.
 *
 * @param number the dataset-wide label number
 * @param name the label's name in {@code label.csv}
 * @param kind how the grammar uses it
 * @param word the label's name as a word: Broden's suffixes {@code -c} (colours) and {@code -s}
 *     (scenes) removed, nouns in the plural ({@code circles})
 */
public record Concept(int number, String name, Kind kind, String word) {

    /** How a concept enters phrases. */
    public enum Kind {
        /** a colour: an adjective ({@code red circles}) or alone ({@code red}). */
        COLOR,
        /** an object or part: a plural noun ({@code circles}). */
        NOUN,
        /** a texture: an adjective ({@code striped circles}) or {@code striped texture}. */
        TEXTURE,
        /** a whole-image label such as a scene: alone. */
        SCENE,
        /** anything else (materials): alone, by its name. */
        OTHER
    }

    /** The concept of a label of a category, with the word the grammar uses. */
    static Concept of(int number, String name, Kind kind) {
        String base = name.replaceFirst("-[a-z]$", "").strip();
        String word = kind == Kind.NOUN ? plural(base) : base;
        return new Concept(number, name, kind, word);
    }

    /** The kind of the labels of a category, by the category's (Broden) name. */
    static Kind kindOf(String category) {
        return switch (category.toLowerCase(Locale.ROOT)) {
            case "color", "colour" -> Kind.COLOR;
            case "object", "part" -> Kind.NOUN;
            case "texture" -> Kind.TEXTURE;
            case "scene" -> Kind.SCENE;
            default -> Kind.OTHER;
        };
    }

    /** English plural of a noun phrase's last word (regular forms only). */
    static String plural(String noun) {
        if (noun.matches(".*(s|x|z|ch|sh)$")) {
            return noun + "es";
        }
        if (noun.matches(".*[^aeiou]y$")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    /** The phrase of this concept alone: {@code red}, {@code circles}, {@code striped texture}. */
    String alone() {
        return kind == Kind.TEXTURE ? word + " texture" : word;
    }
}
