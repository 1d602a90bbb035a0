package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.List;

/**
 * How gradients (or, for LRP, relevances) flow backwards through one kind of node, emitted as
 * ONNX nodes: the vector-Jacobian product of the node for the standard rules, a modified product
 * for methods that override them (Guided Backprop, DeconvNet, LRP).
 *
 * <p>Implementations are small immutable values with {@code equals} (records), so that plans that
 * use them can be cached by value.
 */
public interface BackwardRule {

    /**
     * Emits the nodes that compute the gradient of each of {@code node}'s inputs.
     *
     * @param node the forward node
     * @param outputGradients per output of the node, the name of its gradient tensor, or
     *     {@code null} where that output does not lead to the target
     * @param emitter adds nodes and constants to the explanation graph and answers questions about
     *     the forward graph (static shapes, constant values, which tensors need gradients)
     * @return per input of the node, the name of its gradient tensor, or {@code null} where no
     *     gradient is needed ({@link Emitter#needsGradient} is false) or defined (e.g. shapes)
     */
    List<String> backward(NodeProto node, List<String> outputGradients, Emitter emitter);
}
