package dev.neurolens.lrp;

/**
 * A linear layer as a composite sees it when it chooses a rule.
 *
 * @param node the node's name
 * @param opType {@code Conv}, {@code Gemm} or {@code MatMul}
 * @param convolution whether it is a convolution (Zennit's {@code Convolution} type); otherwise a
 *     dense layer ({@code torch.nn.Linear})
 * @param first whether it is a first layer: the model input reaches it through affine or
 *     rearranging nodes only (normalization, reshapes, padding), never through an activation,
 *     pooling or another linear layer
 */
public record LayerSlot(String node, String opType, boolean convolution, boolean first) {
}
