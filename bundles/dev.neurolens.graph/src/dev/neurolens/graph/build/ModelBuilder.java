package dev.neurolens.graph.build;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorShapeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TypeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds ONNX models in code: graph inputs with shapes, initializers, nodes with attributes,
 * outputs, opset and IR version. Used by tests (single-op models), and by importers that translate
 * other formats into ONNX.
 *
 * <pre>{@code
 * ModelProto model = new ModelBuilder("conv")
 *         .input("x", -1, 3, 8, 8)
 *         .initializer("w", weights, 4, 3, 3, 3)
 *         .output("y", -1, 4, 8, 8)
 *         .node("Conv").inputs("x", "w").outputs("y").ints("pads", 1, 1, 1, 1).model()
 *         .build();
 * }</pre>
 *
 * <p>Nodes are kept in the order they are added, which must be a topological order, as ONNX
 * requires. A builder is not thread-safe; {@link #build()} may be called more than once.
 */
public final class ModelBuilder {
    /** The default opset of the ONNX domain: 17, the opset explanation graphs are emitted at. */
    public static final long DEFAULT_OPSET = 17;
    /**
     * The default IR version: 8 (ONNX 1.12/1.13, opsets up to 18); ONNX Runtime 1.21 reads IR
     * versions up to 10 and refuses newer ones (BUILD-NOTES).
     */
    public static final long DEFAULT_IR_VERSION = 8;
    /** The name of symbolic dimensions given as {@code -1}. */
    public static final String BATCH = "batch";

    private final String graphName;
    private long opset = DEFAULT_OPSET;
    private long irVersion = DEFAULT_IR_VERSION;
    private String producer = "neurolens";
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<NodeBuilder> nodes = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();

    /** A builder of a model whose graph has the given name. */
    public ModelBuilder(String graphName) {
        this.graphName = graphName;
    }

    /** Sets the opset version of the ONNX domain (default {@value #DEFAULT_OPSET}). */
    public ModelBuilder opset(long version) {
        this.opset = version;
        return this;
    }

    /** Sets the IR version (default {@value #DEFAULT_IR_VERSION}). */
    public ModelBuilder irVersion(long version) {
        this.irVersion = version;
        return this;
    }

    /** Sets the producer name written into the model (default {@code neurolens}). */
    public ModelBuilder producer(String name) {
        this.producer = name;
        return this;
    }

    /**
     * Adds a float32 graph input.
     *
     * @param dims the shape; {@code -1} makes a dimension symbolic (named {@value #BATCH})
     */
    public ModelBuilder input(String name, long... dims) {
        return input(name, TensorProto.DataType.FLOAT, dims);
    }

    /**
     * Adds a graph input of the given element type.
     *
     * @param dims the shape; {@code -1} makes a dimension symbolic (named {@value #BATCH})
     */
    public ModelBuilder input(String name, TensorProto.DataType type, long... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** Adds a float32 initializer (a weight) of the given shape. */
    public ModelBuilder initializer(String name, float[] values, long... shape) {
        return initializer(TensorProtos.floats(name, values, shape));
    }

    /** Adds an int64 initializer (shapes, axes, pads, indices) of the given shape. */
    public ModelBuilder int64Initializer(String name, long[] values, long... shape) {
        return initializer(TensorProtos.int64s(name, values, shape));
    }

    /** Adds a 1-D int64 initializer of the given values. */
    public ModelBuilder int64Vector(String name, long... values) {
        return initializer(TensorProtos.int64Vector(name, values));
    }

    /** Adds an initializer; it must be named. */
    public ModelBuilder initializer(TensorProto tensor) {
        if (tensor.getName().isEmpty()) {
            throw new IllegalArgumentException("initializers need a name");
        }
        initializers.add(tensor);
        return this;
    }

    /**
     * Adds a node and returns it for configuration ({@link NodeBuilder#model()} leads back here).
     *
     * @param opType the ONNX operator, e.g. {@code Conv}
     */
    public NodeBuilder node(String opType) {
        NodeBuilder n = new NodeBuilder(this, opType, opType + "_" + nodes.size());
        nodes.add(n);
        return n;
    }

    /**
     * Adds a node with the given inputs and one output, named {@code <optype>_<index>}, and
     * returns it; {@link NodeBuilder#output()} tells the output's name.
     *
     * @param opType the ONNX operator, e.g. {@code Relu}
     * @param inputs the input tensor names ({@code ""} for omitted optional inputs)
     */
    public NodeBuilder node(String opType, String... inputs) {
        NodeBuilder n = node(opType).inputs(inputs);
        return n.outputs(opType.toLowerCase(java.util.Locale.ROOT) + "_" + (nodes.size() - 1));
    }

    /** Adds a float32 graph output whose shape the model does not record. */
    public ModelBuilder output(String name) {
        outputs.add(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))).build());
        return this;
    }

    /**
     * Adds a float32 graph output of the given shape.
     *
     * @param dims the shape; {@code -1} makes a dimension symbolic (named {@value #BATCH})
     */
    public ModelBuilder output(String name, long... dims) {
        outputs.add(valueInfo(name, TensorProto.DataType.FLOAT, dims));
        return this;
    }

    /**
     * The model.
     *
     * @throws NeuroLensException if a node reads a tensor that is neither a graph input, an
     *     initializer nor the output of an earlier node, or an output is produced by no node
     */
    public ModelProto build() {
        GraphProto.Builder g = GraphProto.newBuilder().setName(graphName).addAllInput(inputs)
                .addAllInitializer(initializers).addAllOutput(outputs);
        Set<String> known = new HashSet<>();
        inputs.forEach(v -> known.add(v.getName()));
        initializers.forEach(t -> known.add(t.getName()));
        for (NodeBuilder n : nodes) {
            var node = n.build();
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && !known.contains(in)) {
                    throw new NeuroLensException("node '" + node.getName() + "' (" + node.getOpType() + ") reads '"
                            + in + "', which is no graph input, initializer or output of an earlier node");
                }
            }
            known.addAll(node.getOutputList());
            g.addNode(node);
        }
        for (ValueInfoProto out : outputs) {
            if (!known.contains(out.getName())) {
                throw new NeuroLensException("graph output '" + out.getName() + "' is produced by no node");
            }
        }
        return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName(producer).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }

    /**
     * Builds the model and writes it to {@code file} (parent folders are created).
     *
     * @return {@code file}
     * @throws NeuroLensException if the model is not well formed or the file cannot be written
     */
    public Path write(Path file) {
        ModelProto model = build();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, model.toByteArray());
            return file;
        } catch (IOException e) {
            throw new NeuroLensException("cannot write model " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
