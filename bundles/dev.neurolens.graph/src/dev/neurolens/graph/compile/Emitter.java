package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link BackwardRule} can do while the compiler builds an explanation graph: add nodes
 * and constants, and look at the forward graph.
 *
 * <p>Attribute values given to {@link #node} may be {@code Long}/{@code Integer}, {@code Float}/
 * {@code Double}, {@code String}, {@code long[]}, {@code float[]}, {@code List<Long>} or a
 * {@code TensorProto}; they become the ONNX attribute of the matching type.
 */
public interface Emitter {

    /** Adds a node with one output and returns the output's (fresh, unique) name. */
    String node(String opType, List<String> inputs, Map<String, Object> attributes);

    /** Adds a node with {@code outputs} outputs and returns their names. */
    List<String> node(String opType, List<String> inputs, int outputs, Map<String, Object> attributes);

    /** An int64 1-D constant. */
    String ints(long... values);

    /** A float32 constant of the given shape (a scalar for an empty shape). */
    String floats(float[] values, long... shape);

    /** A float32 scalar constant. */
    default String scalar(float value) {
        return floats(new float[] {value});
    }

    /**
     * The static shape of a forward tensor, with {@code -1} for the batch axis (and any other axis
     * whose size depends on the batch).
     *
     * @throws dev.neurolens.core.NeuroLensException if the shape is not known
     */
    long[] shape(String tensor);

    /** The value of a forward tensor that is constant (an initializer or a Constant node's output). */
    Optional<TensorProto> constant(String tensor);

    /** Whether a forward tensor lies on a path from a tensor whose gradient was asked for. */
    boolean needsGradient(String tensor);

    /**
     * Declares the static shape of an emitted tensor ({@code -1} on the batch axis) in the graph's
     * value_info. ONNX Runtime keeps an element-wise op in its blocked layout only when it can
     * prove its inputs have one shape, and its own shape inference loses shapes behind some ops
     * (Expand of a computed shape, for one).
     */
    void declareShape(String tensor, long[] shape);

    /** The opset version of the default domain the explanation graph is emitted at. */
    long opset();
}
