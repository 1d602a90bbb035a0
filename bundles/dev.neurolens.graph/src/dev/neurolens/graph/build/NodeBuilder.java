package dev.neurolens.graph.build;

import com.google.protobuf.ByteString;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a {@link ModelBuilder}'s graph, configured fluently: inputs, outputs, name, and
 * attributes. The node takes its place in the graph when {@link ModelBuilder#node} creates it;
 * later calls on this builder change it until the model is built.
 *
 * <pre>{@code
 * m.node("Conv").inputs("x", "w", "b").outputs("y").ints("strides", 2, 2).ints("pads", 1, 1, 1, 1);
 * }</pre>
 */
public final class NodeBuilder {
    private final ModelBuilder owner;
    private final String opType;
    private String name;
    private String domain = "";
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();

    NodeBuilder(ModelBuilder owner, String opType, String defaultName) {
        this.owner = owner;
        this.opType = opType;
        this.name = defaultName;
    }

    /** Sets the node name (by default {@code <OpType>_<index>}, as {@code NodeNames} would invent). */
    public NodeBuilder name(String nodeName) {
        this.name = nodeName;
        return this;
    }

    /** Sets the operator domain (by default the ONNX domain, {@code ""}). */
    public NodeBuilder domain(String operatorDomain) {
        this.domain = operatorDomain;
        return this;
    }

    /** Appends inputs; {@code ""} stands for an omitted optional input. */
    public NodeBuilder inputs(String... names) {
        inputs.addAll(List.of(names));
        return this;
    }

    /** Appends outputs; {@code ""} stands for an omitted optional output. */
    public NodeBuilder outputs(String... names) {
        outputs.addAll(List.of(names));
        return this;
    }

    /** An {@code INT} attribute. */
    public NodeBuilder attr(String attribute, long value) {
        return put(AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.INT)
                .setI(value));
    }

    /** A {@code FLOAT} attribute. */
    public NodeBuilder attr(String attribute, float value) {
        return put(AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.FLOAT)
                .setF(value));
    }

    /** A {@code STRING} attribute (UTF-8). */
    public NodeBuilder attr(String attribute, String value) {
        return put(AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)));
    }

    /** A {@code TENSOR} attribute, e.g. a {@code Constant} node's {@code value}. */
    public NodeBuilder attr(String attribute, TensorProto value) {
        return put(AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.TENSOR)
                .setT(value));
    }

    /** An {@code INTS} attribute, e.g. {@code strides}, {@code pads}, {@code perm}. */
    public NodeBuilder ints(String attribute, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(attribute)
                .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return put(a);
    }

    /** A {@code FLOATS} attribute. */
    public NodeBuilder floats(String attribute, float... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(attribute)
                .setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            a.addFloats(v);
        }
        return put(a);
    }

    /** The node's first output, e.g. to feed it to the next node. */
    public String output() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("node " + name + " (" + opType + ") has no outputs yet");
        }
        return outputs.get(0);
    }

    /** The model this node belongs to, to go on building it. */
    public ModelBuilder model() {
        return owner;
    }

    private NodeBuilder put(AttributeProto.Builder a) {
        attributes.put(a.getName(), a.build());
        return this;
    }

    NodeProto build() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("node " + name + " (" + opType + ") has no outputs");
        }
        return NodeProto.newBuilder().setOpType(opType).setName(name).setDomain(domain).addAllInput(inputs)
                .addAllOutput(outputs).addAllAttribute(attributes.values()).build();
    }
}
