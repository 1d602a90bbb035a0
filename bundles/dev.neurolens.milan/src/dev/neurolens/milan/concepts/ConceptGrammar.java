package dev.neurolens.milan.concepts;

import dev.neurolens.milan.concepts.Concept.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The small grammar of the concept-grammar model: which phrases to propose for an exemplar set,
 * and how to read a phrase back from its text.
 *
 * <p>Proposal: a concept is <em>present</em> when it covers at least {@value #MIN_COVERAGE} of
 * the exemplar regions' pixels over the whole set; at most {@value #MAX_PER_KIND} present
 * concepts of each kind (the largest coverage) take part. Candidates are every present concept
 * alone, every colour or texture on every present noun, every pair of present nouns, the edges of
 * every present noun, every present colour as a background, and every present colour as objects
 * on each of the {@value #MAX_GROUNDS} most common background colours of the exemplar images.
 */
final class ConceptGrammar {
    static final double MIN_COVERAGE = 0.05;
    static final int MAX_PER_KIND = 6;
    static final int MAX_GROUNDS = 3;

    private final ConceptVocabulary vocabulary;

    ConceptGrammar(ConceptVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * The candidate phrases for exemplar regions {@code masks} in images {@code images} (same
     * order), without duplicates.
     */
    List<Phrase> propose(List<ImageConcepts> images, List<long[]> masks) {
        Map<Kind, List<Concept>> present = present(images, masks);
        Map<String, Phrase> out = new LinkedHashMap<>();
        present.values().forEach(list -> list.forEach(c -> add(out, new Phrase.Atom(c))));
        List<Concept> nouns = present.getOrDefault(Kind.NOUN, List.of());
        List<Concept> colors = present.getOrDefault(Kind.COLOR, List.of());
        List<Concept> adjectives = new ArrayList<>(colors);
        adjectives.addAll(present.getOrDefault(Kind.TEXTURE, List.of()));
        for (Concept n : nouns) {
            adjectives.forEach(a -> add(out, new Phrase.Modified(a, n)));
            add(out, new Phrase.Edges(n));
            for (Concept m : nouns) {
                if (n.number() < m.number()) {
                    add(out, new Phrase.Either(n, m));
                }
            }
        }
        if (vocabulary.hasObjects()) {
            List<Concept> grounds = grounds(images);
            for (Concept c : colors) {
                add(out, new Phrase.Background(c));
                grounds.stream().filter(g -> g.number() != c.number())
                        .forEach(g -> add(out, new Phrase.ObjectsOn(c, g)));
            }
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, Phrase> out, Phrase p) {
        out.putIfAbsent(p.text(), p);
    }

    /** The present concepts by kind, largest coverage first. */
    private Map<Kind, List<Concept>> present(List<ImageConcepts> images, List<long[]> masks) {
        long total = 0;
        Map<Integer, Long> overlap = new HashMap<>();
        for (int e = 0; e < images.size(); e++) {
            long[] m = masks.get(e);
            total += Bits.count(m);
            for (int label : images.get(e).labels()) {
                int n = Bits.countAnd(m, images.get(e).region(label));
                if (n > 0) {
                    overlap.merge(label, (long) n, Long::sum);
                }
            }
        }
        Map<Kind, List<Concept>> byKind = new EnumMap<>(Kind.class);
        if (total == 0) {
            return byKind;
        }
        long all = total;
        overlap.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_COVERAGE * all)
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> vocabulary.concept(e.getKey()).ifPresent(c -> {
                    List<Concept> list = byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>());
                    if (list.size() < MAX_PER_KIND) {
                        list.add(c);
                    }
                }));
        return byKind;
    }

    /** The colours that are the background of most exemplar images, most frequent first. */
    private List<Concept> grounds(List<ImageConcepts> images) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ImageConcepts img : images) {
            for (int label : img.labels()) {
                vocabulary.concept(label).filter(c -> c.kind() == Kind.COLOR)
                        .filter(c -> Phrase.ObjectsOn.groundIs(img, c))
                        .ifPresent(c -> counts.merge(c.number(), 1, Integer::sum));
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_GROUNDS)
                .map(e -> vocabulary.concept(e.getKey()).orElseThrow())
                .toList();
    }

    /** The phrase with this text, if the grammar can make it from the vocabulary. */
    Optional<Phrase> parse(String text) {
        String t = text.strip();
        Optional<Concept> atom = vocabulary.byPhrase(t);
        if (atom.isPresent()) {
            return Optional.of(new Phrase.Atom(atom.get()));
        }
        if (t.startsWith("edges of ")) {
            return vocabulary.byWord(t.substring("edges of ".length()), Kind.NOUN).map(Phrase.Edges::new);
        }
        int on = t.indexOf(" objects on ");
        if (on > 0) {
            Optional<Concept> f = vocabulary.byWord(t.substring(0, on), Kind.COLOR);
            Optional<Concept> g = vocabulary.byWord(t.substring(on + " objects on ".length()), Kind.COLOR);
            return f.isPresent() && g.isPresent() && vocabulary.hasObjects()
                    ? Optional.of(new Phrase.ObjectsOn(f.get(), g.get())) : Optional.empty();
        }
        int and = t.indexOf(" and ");
        if (and > 0) {
            Optional<Concept> a = vocabulary.byWord(t.substring(0, and), Kind.NOUN);
            Optional<Concept> b = vocabulary.byWord(t.substring(and + " and ".length()), Kind.NOUN);
            if (a.isPresent() && b.isPresent() && a.get().number() < b.get().number()) {
                return Optional.of(new Phrase.Either(a.get(), b.get()));
            }
            return Optional.empty();
        }
        if (t.endsWith(" background") && vocabulary.hasObjects()) {
            Optional<Concept> c = vocabulary.byWord(t.substring(0, t.length() - " background".length()), Kind.COLOR);
            if (c.isPresent()) {
                return Optional.of(new Phrase.Background(c.get()));
            }
        }
        for (int space = t.indexOf(' '); space > 0; space = t.indexOf(' ', space + 1)) {
            String adjective = t.substring(0, space);
            Optional<Concept> noun = vocabulary.byWord(t.substring(space + 1), Kind.NOUN);
            Optional<Concept> adj = vocabulary.byWord(adjective, Kind.COLOR)
                    .or(() -> vocabulary.byWord(adjective, Kind.TEXTURE));
            if (noun.isPresent() && adj.isPresent()) {
                return Optional.of(new Phrase.Modified(adj.get(), noun.get()));
            }
        }
        return Optional.empty();
    }
}
