/**
 * Layer-wise Relevance Propagation (LRP) as backward-rule overrides of the explanation graph: the
 * service interfaces through which bundles contribute rules ({@link dev.neurolens.lrp.LrpRuleFactory})
 * and composites ({@link dev.neurolens.lrp.LrpComposite}), and what a rule sees of a linear layer
 * ({@link dev.neurolens.lrp.LinearLayer}). See docs/methods.md, "LRP".
 */
package dev.neurolens.lrp;
