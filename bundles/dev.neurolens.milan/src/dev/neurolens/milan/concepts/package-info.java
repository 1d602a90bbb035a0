/**
 * The bundled description model: phrases composed by a small grammar from the concepts of a
 * Broden dataset, scored by how well their pixel regions match the exemplar regions
 * (docs/milan.md, "The concept-grammar model").
 */
package dev.neurolens.milan.concepts;
