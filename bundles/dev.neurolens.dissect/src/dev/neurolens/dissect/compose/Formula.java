package dev.neurolens.dissect.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A logical formula over concepts as Mu and Andreas (2020) search them: a concept, extended step
 * by step with {@code AND c}, {@code OR c} or {@code AND NOT c} — {@code ((a OR b) AND NOT c)}. Its
 * length is the number of concepts. Concepts are ids of a
 * {@link dev.neurolens.dissect.ConceptSpace}.
 *
 * @param first the first concept
 * @param terms the steps after it, applied left to right
 */
public record Formula(int first, List<Term> terms) {

    /** A logical connective. */
    public enum Op {
        /** Both. */
        AND,
        /** Either. */
        OR,
        /** The left side but not the concept. */
        AND_NOT;

        /** How the connective is written. */
        public String text() {
            return this == AND_NOT ? "AND NOT" : name();
        }
    }

    /**
     * One step: the formula so far, {@code op}, the concept.
     *
     * @param op the connective
     * @param concept the concept id
     */
    public record Term(Op op, int concept) {
    }

    /** Compact constructor: copies. */
    public Formula {
        terms = List.copyOf(terms);
    }

    /** A single concept. */
    public static Formula of(int concept) {
        return new Formula(concept, List.of());
    }

    /** This formula extended by one step. */
    public Formula then(Op op, int concept) {
        List<Term> t = new ArrayList<>(terms);
        t.add(new Term(op, concept));
        return new Formula(first, t);
    }

    /** The number of concepts. */
    public int length() {
        return 1 + terms.size();
    }

    /** Whether the formula holds for a pixel whose concepts are given by {@code has}. */
    public boolean test(java.util.function.IntPredicate has) {
        boolean v = has.test(first);
        for (Term t : terms) {
            boolean c = has.test(t.concept());
            v = switch (t.op()) {
                case AND -> v && c;
                case OR -> v || c;
                case AND_NOT -> v && !c;
            };
        }
        return v;
    }

    /** The formula as text with concept names, e.g. {@code (red-c OR orange-c) AND NOT circle}. */
    public String text(IntFunction<String> name) {
        StringBuilder sb = new StringBuilder(name.apply(first));
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (i > 0) {
                sb.insert(0, '(').append(')');
            }
            sb.append(' ').append(t.op().text()).append(' ').append(name.apply(t.concept()));
        }
        return sb.toString();
    }
}
