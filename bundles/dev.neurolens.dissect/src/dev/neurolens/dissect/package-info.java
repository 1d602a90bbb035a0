/**
 * What the units of a convolutional layer detect: Network Dissection (Bau et al. 2017) over a
 * Broden-format concept dataset ({@link dev.neurolens.dissect.Dissector}), compositional
 * explanations (Mu and Andreas 2020, package {@code compose}), top-k exemplars with receptive
 * fields and masks ({@link dev.neurolens.dissect.ExemplarFinder}). The building blocks —
 * {@link dev.neurolens.dissect.LayerActivations}, {@link dev.neurolens.dissect.UnitThresholds},
 * {@link dev.neurolens.dissect.BilinearMask}, {@link dev.neurolens.dissect.ConceptTally},
 * {@link dev.neurolens.dissect.ReceptiveField} — are public for further analyses (natural-language
 * descriptions). Definitions, equations and decisions: {@code docs/dissection.md}.
 */
package dev.neurolens.dissect;
