/**
 * The built-in LRP rules for linear layers, each a record implementing
 * {@link dev.neurolens.lrp.LrpRule} with its equation (and paper) in its Javadoc, matching Zennit's
 * rules of the same names (zennit.rules), including their bias handling and stabilizer.
 *
 * <p>Notation: {@code x⁺ = max(x, 0)}, {@code x⁻ = min(x, 0)}, likewise for weights and biases;
 * {@code L(x, W, b)} the layer's forward operation and {@code Lᵀ(s, W)} its transpose (the input
 * gradient); {@code stab(z) = z + ε·sign(z)} with {@code sign(0) = +1} ({@link Ops#divide}).
 */
package dev.neurolens.lrp.rules;
