package dev.neurolens.lrp;

import java.util.Optional;

/**
 * What an {@link LrpRule} sees of one linear layer (Conv, Gemm or MatMul with constant weights,
 * with a following BatchNormalization merged in by the canonizer) while it emits the layer's
 * relevance rule into the explanation graph. Every method that returns a tensor name has already
 * added the ONNX nodes that compute it; weight transforms of constants (e.g. {@code max(W, 0)})
 * are folded by ONNX Runtime when the session is created.
 *
 * <p>In the Javadoc of the rules, {@code L(x, W, b)} is {@link #forward} and {@code Lᵀ(s, W)}
 * is {@link #backward}: for a dense layer {@code L(x, W, b) = xW + b} and {@code Lᵀ(s, W) = sWᵀ}.
 */
public interface LinearLayer {

    /** The node's name in the model. */
    String node();

    /** The layer's input tensor {@code x} (batch first). */
    String input();

    /**
     * The layer's output {@code z = L(x, W, b)} as the forward pass computed it (after a merged
     * BatchNormalization: that node's output).
     */
    String output();

    /** Whether every value of {@link #input()} is ≥ 0 (it comes from a ReLU), so {@code x⁻ = 0}. */
    boolean nonNegativeInput();

    /** The effective weight {@code W} (merged BatchNormalization included). */
    String weight();

    /** The effective bias {@code b}, if the layer has one. */
    Optional<String> bias();

    /**
     * Emits {@code L(x, w, b)}: the layer's operation on another input and other parameters
     * (same strides, pads, transposes).
     *
     * @param x a tensor of the input's shape, or of that shape with batch size 1 (broadcast)
     * @param w a tensor of the weight's shape
     * @param b a tensor of the bias's shape, or {@code null} for none
     */
    String forward(String x, String w, String b);

    /**
     * Emits {@code Lᵀ(s, w)}: the vector-Jacobian product of {@code L(·, w, ·)} with respect to its
     * input, applied to {@code s} (of the output's shape); the result has the input's shape.
     */
    String backward(String s, String w);

    /**
     * A constant of the input's shape with batch size 1, holding {@code values[c]} in every
     * element of channel {@code c} (axis 1); one value fills everything.
     */
    String inputConstant(float[] values);

    /** A constant of the bias's shape (one value per output channel) filled with {@code value}. */
    String biasConstant(float value);

    /** A constant of the weight's shape filled with {@code value}. */
    String weightConstant(float value);

    /**
     * The box bounds of this layer's input, per channel: the model-input bounds of the LRP
     * parameters {@code low}/{@code high}, pushed through the normalization nodes between the
     * model input and this layer. Empty for layers that the input does not reach through affine
     * nodes only (not first layers).
     *
     * @return {@code [low, high]}, each with one value per channel or a single value
     */
    Optional<float[][]> bounds();
}
