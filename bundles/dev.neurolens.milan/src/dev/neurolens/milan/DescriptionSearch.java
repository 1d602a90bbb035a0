package dev.neurolens.milan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * MILAN's auditing use: which units' descriptions mention a word ("which units respond to
 * circles?"). A word matches a whole word of the best description, ignoring case and a plural
 * {@code s}/{@code es} on either side ({@code circle} finds {@code red circles}).
 */
public final class DescriptionSearch {
    private DescriptionSearch() {
    }

    /**
     * The descriptions whose best text mentions {@code word}, highest PMI first.
     *
     * @throws IllegalArgumentException if {@code word} is blank
     */
    public static List<UnitDescription> find(List<UnitDescription> descriptions, String word) {
        String w = stem(word.strip().toLowerCase(Locale.ROOT));
        if (w.isEmpty()) {
            throw new IllegalArgumentException("the word to find is empty");
        }
        List<UnitDescription> out = new ArrayList<>();
        for (UnitDescription d : descriptions) {
            if (mentions(d.best().text(), w)) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingDouble((UnitDescription d) -> d.best().pmi()).reversed());
        return out;
    }

    /** Whether {@code text} has a word equal to the stem {@code w}, up to a plural ending. */
    static boolean mentions(String text, String w) {
        for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+")) {
            if (!token.isEmpty() && stem(token).equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static String stem(String word) {
        if (word.endsWith("es") && word.length() > 3 && (word.endsWith("sses") || word.endsWith("xes")
                || word.endsWith("ches") || word.endsWith("shes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 2) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
