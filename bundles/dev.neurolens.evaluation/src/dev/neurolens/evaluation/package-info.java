/**
 * How good explanations are, measured against ground truth and against the model: localization on
 * object masks (pointing game, energy in the mask, the centre baseline), the model-parameter
 * randomization checks of Adebayo et al. (2018), and faithfulness (deletion and insertion curves,
 * completeness). {@link dev.neurolens.evaluation.Evaluator} runs them for one model; definitions
 * and the results of the default run are in {@code docs/evaluation.md}.
 */
package dev.neurolens.evaluation;
