/**
 * Exemplar sets of units for MILAN, from Network Dissection's exemplar finder
 * ({@code dev.neurolens.dissect}) with masks at the concept dataset's mask resolution.
 */
package dev.neurolens.milan.exemplars;
