package dev.neurolens.milan;

/** Constants of the concept-grammar model the tests check formulas with (docs/milan.md). */
final class ConceptTestAccess {
    /** The floor of p(d|E). */
    static final double EPSILON = 1e-3;

    private ConceptTestAccess() {
    }
}
