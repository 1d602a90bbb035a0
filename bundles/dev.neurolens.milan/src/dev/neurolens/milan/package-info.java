/**
 * MILAN-style natural-language descriptions of units (Hernandez et al., ICLR 2022): a unit is
 * described by the phrase {@code d} that maximizes pointwise mutual information with its exemplar
 * set {@code E}, {@code argmax_d log p(d|E) - lambda log p(d)}. {@link DescriptionModel}
 * (candidates and {@code log p(d|E)}) and {@link DescriptionPrior} ({@code log p(d)}) are service
 * interfaces; {@link UnitDescriber} runs the procedure. See {@code docs/milan.md}.
 */
package dev.neurolens.milan;
