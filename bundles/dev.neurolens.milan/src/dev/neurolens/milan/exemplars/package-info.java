/**
 * A minimal exemplar finder (top-k images by maximum activation, masks thresholded at the
 * unit's top quantile, as Network Dissection does), used until the dissection bundle's exemplar
 * sets are wired in.
 */
package dev.neurolens.milan.exemplars;
