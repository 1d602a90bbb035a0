package dev.neurolens.graph.compile;

import com.google.protobuf.ByteString;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The compiler's {@link Emitter}: collects the backward nodes and constants of one compilation. */
final class GraphEmitter implements Emitter {
    static final String PREFIX = "neurolens/";

    private final Map<String, long[]> shapes;
    private final Map<String, TensorProto> constants;
    private final Set<String> needsGradient;
    private final long opset;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Map<String, long[]> shapeHints = new java.util.LinkedHashMap<>();
    private int counter;

    GraphEmitter(Map<String, long[]> shapes, Map<String, TensorProto> constants, Set<String> needsGradient,
            long opset) {
        this.shapes = shapes;
        this.constants = constants;
        this.needsGradient = needsGradient;
        this.opset = opset;
    }

    List<NodeProto> nodes() {
        return nodes;
    }

    List<TensorProto> initializers() {
        return initializers;
    }

    @Override
    public void declareShape(String tensor, long[] shape) {
        if (tensor.startsWith(PREFIX) && shape != null && java.util.Arrays.stream(shape, 1, shape.length)
                .allMatch(d -> d >= 0)) {
            shapeHints.putIfAbsent(tensor, shape.clone());
        }
    }

    Map<String, long[]> shapeHints() {
        return shapeHints;
    }

    String fresh(String hint) {
        return PREFIX + hint + "_" + counter++;
    }

    @Override
    public String node(String opType, List<String> inputs, Map<String, Object> attributes) {
        return node(opType, inputs, 1, attributes).get(0);
    }

    @Override
    public List<String> node(String opType, List<String> inputs, int outputs, Map<String, Object> attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(fresh("bw_" + opType));
        n.addAllInput(inputs);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            String o = fresh(opType.toLowerCase() + "_out");
            outs.add(o);
            n.addOutput(o);
        }
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
        nodes.add(n.build());
        return outs;
    }

    /** The emitted node that computes {@code tensor}, if any. */
    Optional<NodeProto> producer(String tensor) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).getOutputList().contains(tensor)) {
                return Optional.of(nodes.get(i));
            }
        }
        return Optional.empty();
    }

    /** The value of an emitted constant ({@link #ints}, {@link #floats}), if {@code tensor} is one. */
    Optional<TensorProto> emittedConstant(String tensor) {
        return initializers.stream().filter(t -> t.getName().equals(tensor)).findFirst();
    }

    /**
     * Drops emitted nodes and constants that nothing reads: neither the forward nodes, nor another
     * kept emitted node, nor a graph output (a rewrite such as {@link PolyphaseConv#mergeInterleaved}
     * can leave the nodes it replaced behind).
     */
    void removeUnread(List<NodeProto> forward, Set<String> graphOutputs) {
        boolean changed = true;
        while (changed) {
            Set<String> read = new java.util.HashSet<>(graphOutputs);
            forward.forEach(n -> read.addAll(n.getInputList()));
            nodes.forEach(n -> read.addAll(n.getInputList()));
            changed = nodes.removeIf(n -> n.getOutputList().stream().noneMatch(read::contains));
            changed |= initializers.removeIf(t -> !read.contains(t.getName()));
        }
    }

    /** Adds a node like {@code node} (op, domain, attributes) on other inputs; returns its output. */
    String copy(NodeProto node, List<String> inputs) {
        return copy(node, inputs, fresh(node.getOpType().toLowerCase() + "_out"));
    }

    /** Adds a node like {@code node} on other inputs, with a chosen output name; returns it. */
    String copy(NodeProto node, List<String> inputs, String output) {
        nodes.add(node.toBuilder().setName(fresh("bw_" + node.getOpType())).clearInput().addAllInput(inputs)
                .clearOutput().addOutput(output).build());
        return output;
    }

    /** Whether an emitted node reads {@code tensor}. */
    boolean isRead(String tensor) {
        return nodes.stream().anyMatch(n -> n.getInputList().contains(tensor));
    }

    /** Adds a node whose output has a chosen name (graph outputs). */
    void named(String opType, List<String> inputs, String output) {
        named(opType, inputs, output, Map.of());
    }

    /** Adds a node with attributes whose output has a chosen name. */
    void named(String opType, List<String> inputs, String output, Map<String, Object> attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(fresh("out_" + opType))
                .addAllInput(inputs).addOutput(output);
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
        nodes.add(n.build());
    }

    @Override
    public String ints(long... values) {
        String name = fresh("ints");
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        initializers.add(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(b.array())).build());
        return name;
    }

    @Override
    public String floats(float[] values, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values");
        }
        String name = fresh("floats");
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        initializers.add(t.build());
        return name;
    }

    @Override
    public long[] shape(String tensor) {
        long[] s = shapes.get(tensor);
        if (s == null) {
            TensorProto c = constants.get(tensor);
            if (c != null) {
                return c.getDimsList().stream().mapToLong(Long::longValue).toArray();
            }
            throw new NeuroLensException("the shape of tensor '" + tensor + "' is not known; NeuroLens needs it to "
                    + "emit the backward pass");
        }
        return s.clone();
    }

    @Override
    public Optional<TensorProto> constant(String tensor) {
        return Optional.ofNullable(constants.get(tensor));
    }

    @Override
    public boolean needsGradient(String tensor) {
        return needsGradient.contains(tensor);
    }

    @Override
    public long opset() {
        return opset;
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        switch (value) {
            case Integer i -> a.setType(AttributeProto.AttributeType.INT).setI(i);
            case Long l -> a.setType(AttributeProto.AttributeType.INT).setI(l);
            case Float f -> a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
            case Double d -> a.setType(AttributeProto.AttributeType.FLOAT).setF(d.floatValue());
            case String s -> a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
            case long[] ls -> {
                a.setType(AttributeProto.AttributeType.INTS);
                for (long l : ls) {
                    a.addInts(l);
                }
            }
            case float[] fs -> {
                a.setType(AttributeProto.AttributeType.FLOATS);
                for (float f : fs) {
                    a.addFloats(f);
                }
            }
            case TensorProto t -> a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
            case List<?> list -> {
                a.setType(AttributeProto.AttributeType.INTS);
                for (Object o : list) {
                    a.addInts(((Number) o).longValue());
                }
            }
            default -> throw new IllegalArgumentException("unsupported attribute value for " + name + ": " + value);
        }
        return a.build();
    }
}
