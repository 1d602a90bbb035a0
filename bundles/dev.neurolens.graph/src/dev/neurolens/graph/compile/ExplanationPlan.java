package dev.neurolens.graph.compile;

import java.util.List;
import java.util.Map;

/**
 * What to compute in one engine call, as data: the forward pass, then a backward pass from a seed
 * on {@code output} to the tensors in {@code gradientsOf}, with chosen nodes' backward rules
 * replaced, plus forward activations to return.
 *
 * <p>The compiled graph takes the model's input and a seed tensor of {@code output}'s shape (e.g.
 * the one-hot of the target class for each image, so that the result is the gradient of the
 * target logit); see {@link CompiledGraph}.
 *
 * @param output the tensor the backward pass starts from (usually the logits)
 * @param gradientsOf tensors whose gradients are returned: the model input, or intermediate
 *     tensors (e.g. a convolutional layer's output for Grad-CAM)
 * @param ruleOverrides backward rules by node name (e.g. Guided Backprop's rule for every Relu)
 * @param opOverrides backward rules by op type, applied where no node override is given
 * @param taps forward tensors to return as well
 * @param seedFromPrediction when true the graph computes the seed itself, as the one-hot of each
 *     row's largest output value (the predicted class; ties give several ones), so that
 *     explaining the prediction needs no separate forward pass and no seed input
 * @param summedOverBatch when true each gradient is returned summed over the batch (batch axis 1):
 *     with per-row weights in the seed, {@code Σ_rows w_row ∇f(x_row)}, computed with the last
 *     weight-only VJPs (e.g. the first convolution's) run once on the sum instead of on every row
 */
public record ExplanationPlan(String output, List<String> gradientsOf, Map<String, BackwardRule> ruleOverrides,
        Map<String, BackwardRule> opOverrides, List<String> taps, boolean seedFromPrediction,
        boolean summedOverBatch) {

    /** A plan whose seed is an input of the compiled graph. */
    public ExplanationPlan(String output, List<String> gradientsOf, Map<String, BackwardRule> ruleOverrides,
            Map<String, BackwardRule> opOverrides, List<String> taps) {
        this(output, gradientsOf, ruleOverrides, opOverrides, taps, false, false);
    }

    /** Compact constructor: copies. */
    public ExplanationPlan {
        gradientsOf = List.copyOf(gradientsOf);
        ruleOverrides = Map.copyOf(ruleOverrides);
        opOverrides = Map.copyOf(opOverrides);
        taps = List.copyOf(taps);
    }

    /** The plain gradient of {@code output} with respect to {@code gradientsOf}. */
    public static ExplanationPlan gradient(String output, List<String> gradientsOf) {
        return new ExplanationPlan(output, gradientsOf, Map.of(), Map.of(), List.of());
    }

    /** A copy with backward rules replaced for every node of the given op types. */
    public ExplanationPlan withOpOverrides(Map<String, BackwardRule> overrides) {
        return new ExplanationPlan(output, gradientsOf, ruleOverrides, overrides, taps, seedFromPrediction,
                summedOverBatch);
    }

    /** A copy with backward rules replaced for the named nodes. */
    public ExplanationPlan withRuleOverrides(Map<String, BackwardRule> overrides) {
        return new ExplanationPlan(output, gradientsOf, overrides, opOverrides, taps, seedFromPrediction,
                summedOverBatch);
    }

    /** A copy that also returns the given forward tensors. */
    public ExplanationPlan withTaps(List<String> tensors) {
        return new ExplanationPlan(output, gradientsOf, ruleOverrides, opOverrides, tensors, seedFromPrediction,
                summedOverBatch);
    }

    /** A copy whose graph seeds the backward pass with the predicted class of each row. */
    public ExplanationPlan withPredictedSeed() {
        return new ExplanationPlan(output, gradientsOf, ruleOverrides, opOverrides, taps, true, summedOverBatch);
    }

    /**
     * A copy whose gradients are summed over the batch: put each row's weight into its seed row
     * (the backward pass is linear in the seed) to get a weighted sum in one engine call.
     */
    public ExplanationPlan withSumOverBatch() {
        return new ExplanationPlan(output, gradientsOf, ruleOverrides, opOverrides, taps, seedFromPrediction, true);
    }
}
