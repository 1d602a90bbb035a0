package dev.neurolens.engine.tensorflow.importer;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * Converts a flat TensorFlow graph (see {@link FunctionInliner}, {@link GraphFacts}) into an ONNX
 * model with the same semantics, opset 17: the input keeps the SavedModel's layout (NHWC), so
 * gradients with respect to it come back in that layout; convolutions run NCHW in between.
 * Constant subgraphs are already folded by TensorFlow; nodes computing shapes from the input's
 * shape are dropped (their values are known). Any other op fails, naming the op and node.
 */
public final class OnnxConversion {
    /** The ops this converter handles, for error messages and docs. */
    private static final Map<String, BiConsumer<Conversion, NodeDef>> OPS = Map.ofEntries(
            Map.entry("Conv2D", NnOps::conv2d),
            Map.entry("DepthwiseConv2dNative", NnOps::depthwise),
            Map.entry("BiasAdd", NnOps::biasAdd),
            Map.entry("FusedBatchNorm", NnOps::batchNorm),
            Map.entry("FusedBatchNormV2", NnOps::batchNorm),
            Map.entry("FusedBatchNormV3", NnOps::batchNorm),
            Map.entry("MaxPool", (c, n) -> NnOps.pool(c, n, "MaxPool")),
            Map.entry("AvgPool", (c, n) -> NnOps.pool(c, n, "AveragePool")),
            Map.entry("MatMul", MathOps::matMul),
            Map.entry("Relu", (c, n) -> MathOps.unary(c, n, "Relu")),
            Map.entry("Relu6", MathOps::relu6),
            Map.entry("LeakyRelu", MathOps::leakyRelu),
            Map.entry("Sigmoid", (c, n) -> MathOps.unary(c, n, "Sigmoid")),
            Map.entry("Tanh", (c, n) -> MathOps.unary(c, n, "Tanh")),
            Map.entry("Elu", (c, n) -> MathOps.unary(c, n, "Elu")),
            Map.entry("Softplus", (c, n) -> MathOps.unary(c, n, "Softplus")),
            Map.entry("Exp", (c, n) -> MathOps.unary(c, n, "Exp")),
            Map.entry("Neg", (c, n) -> MathOps.unary(c, n, "Neg")),
            Map.entry("Sqrt", (c, n) -> MathOps.unary(c, n, "Sqrt")),
            Map.entry("Rsqrt", MathOps::rsqrt),
            Map.entry("Square", MathOps::square),
            Map.entry("Softmax", MathOps::softmax),
            Map.entry("Mean", MathOps::mean),
            Map.entry("AddV2", (c, n) -> MathOps.binary(c, n, "Add")),
            Map.entry("Add", (c, n) -> MathOps.binary(c, n, "Add")),
            Map.entry("Sub", (c, n) -> MathOps.binary(c, n, "Sub")),
            Map.entry("Mul", (c, n) -> {
                if (!NnOps.affineBatchNorm(c, n)) {
                    MathOps.binary(c, n, "Mul");
                }
            }),
            Map.entry("RealDiv", (c, n) -> MathOps.binary(c, n, "Div")),
            Map.entry("Maximum", (c, n) -> MathOps.binary(c, n, "Max")),
            Map.entry("Minimum", (c, n) -> MathOps.binary(c, n, "Min")),
            Map.entry("ConcatV2", ShapeOps::concat),
            Map.entry("Reshape", ShapeOps::reshape),
            Map.entry("Squeeze", ShapeOps::squeeze),
            Map.entry("ExpandDims", ShapeOps::expandDims),
            Map.entry("Transpose", ShapeOps::transpose),
            Map.entry("Pad", ShapeOps::pad),
            Map.entry("PadV2", ShapeOps::pad),
            Map.entry("StridedSlice", ShapeOps::stridedSlice),
            Map.entry("Identity", (c, n) -> c.alias(n, c.val(n, 0))),
            Map.entry("Snapshot", (c, n) -> c.alias(n, c.val(n, 0))));

    private OnnxConversion() {
    }

    /** The TensorFlow ops the importer converts (besides constant and shape arithmetic, which TensorFlow folds). */
    public static List<String> supportedOps() {
        TreeSet<String> ops = new TreeSet<>(OPS.keySet());
        ops.add("IdentityN");
        return List.copyOf(ops);
    }

    /**
     * Converts the graph.
     *
     * @param facts the flat graph with TensorFlow's shapes and folded constants
     * @param producer written into the model's {@code producer_name}
     * @throws NeuroLensException naming the op and node of the first node that cannot be converted
     */
    public static Converted convert(GraphFacts facts, String producer) {
        FlatGraph flat = facts.flat();
        ModelBuilder model = new ModelBuilder(flat.inputKey() + "_to_" + flat.outputKey()).producer(producer);
        Conversion c = new Conversion(facts, model);
        long[] inputShape = facts.inputShape();
        if (facts.dtype(flat.inputNode()) != DataType.DT_FLOAT) {
            throw new NeuroLensException("the input '" + flat.inputKey() + "' is " + facts.dtype(flat.inputNode())
                    + "; NeuroLens explains models with a float32 image input");
        }
        String input = c.unique(flat.inputKey());
        model.input(input, inputShape);
        c.put(flat.inputNode(), new Val(input, inputShape, false));
        c.origin(input, flat.inputNode(), false);
        for (NodeDef n : facts.nodes()) {
            if (!facts.isDynamic(n.getName()) || n.getName().equals(flat.inputNode()) || isShapeArithmetic(facts, n)
                    || c.isFused(n)) {
                continue;
            }
            if (n.getOp().equals("IdentityN")) {
                identityN(c, n);
                continue;
            }
            BiConsumer<Conversion, NodeDef> op = OPS.get(n.getOp());
            if (op == null) {
                throw Conversion.unsupported(n, "the op is not supported (supported: " + String.join(", ", supportedOps())
                        + ")");
            }
            op.accept(c, n);
        }
        Val out = c.converted(flat.output());
        if (out == null) {
            throw new NeuroLensException("the output " + flat.output() + " of the signature was not converted");
        }
        out = c.asIs(out);
        String name = c.unique(flat.outputKey());
        model.node("Identity").name(c.uniqueNode(flat.outputKey() + "/identity")).inputs(out.name()).outputs(name);
        model.output(name, out.shape());
        c.origin(name, flat.output(), false);
        return new Converted(model.build(), c.origins());
    }

    /**
     * The result of a conversion.
     *
     * @param model the ONNX model
     * @param origins for ONNX tensors that hold a TensorFlow tensor, which one and in which layout
     */
    public record Converted(ModelProto model, Map<String, TfTensorRef> origins) {
    }

    /** Integer tensors computed from the input's shape: their values are known, nothing to emit. */
    private static boolean isShapeArithmetic(GraphFacts facts, NodeDef n) {
        DataType t = facts.dtype(n.getName());
        return t == DataType.DT_INT32 || t == DataType.DT_INT64;
    }

    private static void identityN(Conversion c, NodeDef n) {
        for (int i = 0; i < n.getInputCount(); i++) {
            Val v = c.val(n, i);
            c.put(i == 0 ? n.getName() : n.getName() + ":" + i, v);
        }
    }
}
