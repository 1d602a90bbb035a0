/**
 * The built-in LRP composites, with the meaning of Zennit's composites of the same names
 * (zennit.composites): which rule each convolution and dense layer gets, with a special rule for
 * first layers.
 */
package dev.neurolens.lrp.composite;
