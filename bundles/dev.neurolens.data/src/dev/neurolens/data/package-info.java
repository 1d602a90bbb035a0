/**
 * Concept datasets in the Broden layout of NetDissect: {@link dev.neurolens.data.BrodenDataset}
 * reads one (index rows in memory, masks decoded per image on demand, as label numbers per pixel
 * per category plus whole-image labels), {@link dev.neurolens.data.BrodenWriter} writes one. The
 * format and how it was checked against NetDissect's own code are in {@code docs/broden.md}.
 */
package dev.neurolens.data;
