package dev.neurolens.graph.reference;

import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.List;
import java.util.Optional;

/**
 * A node as an {@link Op} sees it: its attributes with the defaults of the ONNX operator specs,
 * its (possibly omitted) inputs, and the opset it was written for.
 */
final class OpNode {
    private final NodeProto proto;
    private final String name;
    private final long opset;
    private final List<DoubleTensor> inputs;

    /**
     * @param inputs the input values in order, {@code null} where an optional input is omitted
     */
    OpNode(NodeProto proto, String name, long opset, List<DoubleTensor> inputs) {
        this.proto = proto;
        this.name = name;
        this.opset = opset;
        this.inputs = inputs;
    }

    String name() {
        return name;
    }

    String opType() {
        return proto.getOpType();
    }

    /** The opset of the ONNX domain the model imports. */
    long opset() {
        return opset;
    }

    int inputCount() {
        return inputs.size();
    }

    /** The number of outputs the node declares (omitted optional outputs included). */
    int outputCount() {
        return proto.getOutputCount();
    }

    /** Whether output {@code k} is declared and not omitted. */
    boolean wantsOutput(int k) {
        return k < proto.getOutputCount() && !proto.getOutput(k).isEmpty();
    }

    /** Input {@code k}, which must be present. */
    DoubleTensor input(int k) {
        DoubleTensor t = k < inputs.size() ? inputs.get(k) : null;
        if (t == null) {
            throw new IllegalArgumentException(opType() + " needs input " + (k + 1));
        }
        return t;
    }

    /** Input {@code k}, or empty where it is omitted. */
    Optional<DoubleTensor> optionalInput(int k) {
        return Optional.ofNullable(k < inputs.size() ? inputs.get(k) : null);
    }

    boolean has(String attribute) {
        return find(attribute).isPresent();
    }

    long integer(String attribute, long defaultValue) {
        return find(attribute).map(AttributeProto::getI).orElse(defaultValue);
    }

    double real(String attribute, double defaultValue) {
        return find(attribute).map(a -> (double) a.getF()).orElse(defaultValue);
    }

    String text(String attribute, String defaultValue) {
        return find(attribute).map(a -> a.getS().toStringUtf8()).orElse(defaultValue);
    }

    /** An INTS attribute, or {@code defaultValue} (possibly null) when absent. */
    long[] ints(String attribute, long[] defaultValue) {
        return find(attribute).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
                .orElse(defaultValue);
    }

    /** An INTS attribute as ints, or {@code defaultValue} (possibly null) when absent. */
    int[] intList(String attribute, int[] defaultValue) {
        long[] v = ints(attribute, null);
        return v == null ? defaultValue : Shapes.toInts(v);
    }

    /** A FLOATS attribute, or {@code defaultValue} (possibly null) when absent. */
    double[] reals(String attribute, double[] defaultValue) {
        return find(attribute).map(a -> a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray())
                .orElse(defaultValue);
    }

    Optional<TensorProto> tensor(String attribute) {
        return find(attribute).filter(AttributeProto::hasT).map(AttributeProto::getT);
    }

    private Optional<AttributeProto> find(String attribute) {
        return proto.getAttributeList().stream().filter(a -> a.getName().equals(attribute)).findFirst();
    }
}
