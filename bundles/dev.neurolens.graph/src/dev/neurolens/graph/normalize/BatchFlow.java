package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the batch axis of the image input through a graph: which tensors have the batch as
 * their axis 0, which Reshape constants have the export's batch size baked in, and whether every
 * node would compute the same per image at any batch size ("batch-agnostic").
 *
 * <p>Each tensor is a constant (no dependence on the input), batch-leading, a shape value
 * (computed from run-time shapes, as {@code Shape -> Gather -> Concat} chains are), or other. A
 * node that turns a batch-leading tensor into something else, or combines it with a constant in a
 * way that only works for one batch size, makes the graph not batch-agnostic, and the first such
 * node is the reason reported.
 */
final class BatchFlow {
    /** What a tensor is with respect to the batch. */
    enum Kind { CONSTANT, BATCH, SHAPE, OTHER }

    /**
     * A Reshape whose constant shape starts with the export's batch size.
     *
     * @param node the Reshape
     * @param shape the shape constant's values
     */
    record BakedReshape(NodeProto node, long[] shape) {
    }

    /**
     * @param kinds what each tensor is
     * @param baked Reshapes with the batch size baked into their shape constant
     * @param notAgnostic the first node that is not batch-agnostic, described; empty when all are
     * @param undecidable Reshapes with a leading export batch size on data whose batch axis is
     *     unknown, described (whether that number is the batch cannot be decided)
     */
    record Result(Map<String, Kind> kinds, List<BakedReshape> baked, Optional<String> notAgnostic,
            List<String> undecidable) {
    }

    private static final Set<String> PER_POSITION = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid",
            "HardSwish", "Identity", "Dropout", "Cast", "Abs", "Neg", "Exp", "Log", "Sqrt", "Erf", "Elu", "Selu",
            "Softplus", "Softsign", "Floor", "Ceil", "Reciprocal", "Sign", "Round", "Not", "Clip", "Conv",
            "ConvTranspose", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool",
            "BatchNormalization", "InstanceNormalization", "LRN", "DepthToSpace", "SpaceToDepth", "ThresholdedRelu",
            "Celu", "IsNaN", "IsInf", "Mish", "Gelu");
    private static final Set<String> BROADCASTING = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum",
            "Mean", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor", "Where", "PRelu",
            "Mod");
    private static final Set<String> SHAPE_ARITHMETIC = Set.of("Gather", "Unsqueeze", "Squeeze", "Concat", "Cast",
            "Slice", "Mul", "Div", "Add", "Sub", "ReduceProd", "Identity", "Reshape", "Equal", "Where", "Max", "Min",
            "Floor", "Ceil", "Abs", "Neg", "Sum");
    private static final Set<String> REDUCTIONS = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp");
    /** Slice ends at or beyond this cover the whole axis. */
    private static final long WHOLE_AXIS = Integer.MAX_VALUE;

    private final GraphEdit graph;
    private final long opset;
    private final Set<Long> exportBatches;
    private final Map<String, Integer> ranks;
    private final Map<String, Kind> kinds = new HashMap<>();
    private final List<BakedReshape> baked = new ArrayList<>();
    private final List<String> undecidable = new ArrayList<>();
    private String notAgnostic;

    private BatchFlow(GraphEdit graph, long opset, Set<Long> exportBatches) {
        this.graph = graph;
        this.opset = opset;
        this.exportBatches = exportBatches;
        this.ranks = Ranks.of(graph);
    }

    /**
     * Follows the batch of {@code input} through {@code graph}.
     *
     * @param opset the model's default opset (Softmax's axis default depends on it)
     * @param exportBatches the batch sizes an exporter may have baked in (1, and the input's or the
     *     outputs' fixed batch size)
     */
    static Result analyze(GraphEdit graph, String input, long opset, Set<Long> exportBatches) {
        BatchFlow flow = new BatchFlow(graph, opset, exportBatches);
        graph.initializers().keySet().forEach(n -> flow.kinds.put(n, Kind.CONSTANT));
        graph.inputs().forEach(v -> flow.kinds.putIfAbsent(v.getName(), Kind.OTHER));
        flow.kinds.put(input, Kind.BATCH);
        for (NodeProto n : graph.nodes()) {
            flow.visit(n);
        }
        graph.outputs().forEach(o -> {
            Kind k = flow.kind(o.getName());
            if (k == Kind.OTHER || k == Kind.SHAPE) {
                flow.notAgnostic("graph output '" + o.getName() + "' does not keep the batch as its first axis");
            }
        });
        return new Result(Map.copyOf(flow.kinds), List.copyOf(flow.baked), Optional.ofNullable(flow.notAgnostic),
                List.copyOf(flow.undecidable));
    }

    private Kind kind(String tensor) {
        return kinds.getOrDefault(tensor, Kind.CONSTANT);
    }

    private void visit(NodeProto n) {
        List<Kind> in = n.getInputList().stream().filter(s -> !s.isEmpty()).map(this::kind).toList();
        Kind out;
        if (in.stream().allMatch(k -> k == Kind.CONSTANT)) {
            out = Kind.CONSTANT;
        } else if (!GraphEdit.isDefaultDomain(n)) {
            out = other(n, "is an op of domain '" + n.getDomain() + "'");
        } else if (n.getOpType().equals("Shape") || n.getOpType().equals("Size")) {
            out = Kind.SHAPE;
        } else if (in.stream().noneMatch(k -> k == Kind.BATCH || k == Kind.OTHER)) {
            out = SHAPE_ARITHMETIC.contains(n.getOpType()) ? Kind.SHAPE
                    : other(n, "builds a tensor from a shape computed at run time");
        } else if (in.contains(Kind.OTHER) && !n.getOpType().equals("Reshape")) {
            out = other(n, "reads a tensor whose batch axis is unknown");
        } else {
            out = batchRule(n);
        }
        for (String o : n.getOutputList()) {
            if (!o.isEmpty()) {
                kinds.put(o, out);
            }
        }
    }

    /** The kind of the outputs of a node that reads a batch-leading tensor. */
    private Kind batchRule(NodeProto n) {
        String op = n.getOpType();
        if (PER_POSITION.contains(op)) {
            return Kind.BATCH;
        }
        if (BROADCASTING.contains(op)) {
            return broadcasting(n);
        }
        if (REDUCTIONS.contains(op)) {
            return keepsAxisZero(n, Ranks.axes(n, graph), rank(n.getInput(0)), "reduces");
        }
        return switch (op) {
            case "Reshape" -> reshape(n);
            case "Flatten" -> keepsAxisZero(n, Optional.of(new long[] {Attrs.integer(n, "axis", 1)}),
                    rank(n.getInput(0)), "flattens from");
            case "Transpose" -> Attrs.ints(n, "perm").filter(p -> p.length > 0 && p[0] == 0).isPresent()
                    ? Kind.BATCH : other(n, "moves the batch axis");
            case "Softmax", "LogSoftmax", "Hardmax" -> keepsAxisZero(n,
                    Optional.of(new long[] {Attrs.integer(n, "axis", opset >= 13 ? -1 : 1)}), rank(n.getInput(0)),
                    "normalizes over");
            case "ArgMax", "ArgMin", "Split", "TopK" -> keepsAxisZero(n,
                    Optional.of(new long[] {Attrs.integer(n, "axis", op.equals("TopK") ? -1 : 0)}),
                    rank(n.getInput(0)), "works along");
            case "Gather" -> kind(n.getInput(0)) == Kind.BATCH && kind(n.getInput(1)) == Kind.CONSTANT
                    ? keepsAxisZero(n, Optional.of(new long[] {Attrs.integer(n, "axis", 0)}), rank(n.getInput(0)),
                            "gathers along")
                    : other(n, "gathers with batch-dependent indices");
            case "Squeeze" -> keepsAxisZero(n, Ranks.axes(n, graph), rank(n.getInput(0)), "squeezes");
            case "Unsqueeze" -> keepsAxisZero(n, Ranks.axes(n, graph), rank(n.getOutput(0)), "inserts");
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Concat" -> concat(n);
            case "Pad" -> pad(n);
            case "Slice" -> slice(n);
            case "Resize", "Upsample" -> resize(n);
            case "Tile", "Expand" -> leadingOne(n, n.getInput(1), "repeats or expands");
            default -> other(n, "has no batch rule in NeuroLens");
        };
    }

    private Kind reshape(NodeProto n) {
        Kind data = kind(n.getInput(0));
        Kind shapeKind = kind(n.getInput(1));
        if (shapeKind == Kind.SHAPE && data == Kind.BATCH) {
            return Kind.BATCH; // computed from run-time shapes, as dynamic exports do
        }
        Optional<long[]> shape = graph.constant(n.getInput(1)).flatMap(Tensors::longs);
        if (shape.isEmpty() || shape.get().length == 0) {
            return other(n, "reshapes to a shape that is neither a constant nor computed from run-time shapes");
        }
        long[] v = shape.get();
        boolean otherMinusOne = false;
        for (int i = 1; i < v.length; i++) {
            otherMinusOne |= v[i] == -1;
        }
        if (data == Kind.BATCH && (v[0] == 0 && Attrs.integer(n, "allowzero", 0) == 0 || v[0] == -1 && !otherMinusOne)) {
            return Kind.BATCH;
        }
        String described = "Reshape '" + n.getName() + "' to the constant " + Tensors.text(v);
        if (exportBatches.contains(v[0])) {
            if (data == Kind.BATCH) {
                baked.add(new BakedReshape(n, v));
                return Kind.BATCH;
            }
            undecidable.add(described + " ('" + n.getInput(1) + "'): its data '" + n.getInput(0)
                    + "' has no known batch axis, so whether the leading " + v[0] + " is the batch size cannot"
                    + " be decided");
        }
        return other(n, "fixes the leading dimension to " + v[0]);
    }

    private Kind broadcasting(NodeProto n) {
        int batchRank = -1;
        for (String in : n.getInputList()) {
            if (kind(in) == Kind.BATCH) {
                batchRank = Math.max(batchRank, rank(in));
            }
        }
        for (String in : n.getInputList()) {
            Kind k = kind(in);
            if (k == Kind.SHAPE) {
                return other(n, "combines the batch with a shape value");
            }
            if (k == Kind.CONSTANT && !broadcastsOverBatch(in, batchRank)) {
                return other(n, "combines the batch with the constant '" + in + "', which has a batch axis of its own");
            }
        }
        return Kind.BATCH;
    }

    /** A constant broadcasts over the batch if it has fewer axes than the batch-leading operand or a leading 1. */
    private boolean broadcastsOverBatch(String constant, int batchRank) {
        Optional<TensorProto> t = graph.constant(constant);
        int rank = t.map(TensorProto::getDimsCount).orElse(rank(constant));
        if (rank == 0 || rank >= 0 && batchRank >= 0 && rank < batchRank) {
            return true;
        }
        return t.isPresent() && t.get().getDims(0) == 1 && (batchRank < 0 || rank <= batchRank);
    }

    private Kind gemm(NodeProto n) {
        boolean batchA = kind(n.getInput(0)) == Kind.BATCH && Attrs.integer(n, "transA", 0) == 0;
        boolean constB = kind(n.getInput(1)) == Kind.CONSTANT;
        boolean cFine = n.getInputCount() < 3 || n.getInput(2).isEmpty() || broadcastsOverBatch(n.getInput(2), 2);
        return batchA && constB && cFine ? Kind.BATCH : other(n, "does not keep the batch as the rows of A");
    }

    private Kind matMul(NodeProto n) {
        int a = rank(n.getInput(0));
        int b = rank(n.getInput(1));
        boolean batchA = kind(n.getInput(0)) == Kind.BATCH;
        if (batchA && kind(n.getInput(1)) == Kind.CONSTANT && (b == 2 || a >= 2 && b >= 0 && b < a)) {
            return Kind.BATCH;
        }
        if (batchA && kind(n.getInput(1)) == Kind.BATCH && a >= 3 && a == b) {
            return Kind.BATCH;
        }
        return other(n, "multiplies along the batch axis");
    }

    private Kind concat(NodeProto n) {
        for (String in : n.getInputList()) {
            if (kind(in) != Kind.BATCH) {
                return other(n, "joins the batch with '" + in + "', which has a fixed leading size");
            }
        }
        return keepsAxisZero(n, Optional.of(new long[] {Attrs.integer(n, "axis", 0)}), rank(n.getInput(0)), "joins along");
    }

    private Kind pad(NodeProto n) {
        Optional<long[]> pads = Attrs.ints(n, "pads").or(() -> n.getInputCount() > 1
                ? graph.constant(n.getInput(1)).flatMap(Tensors::longs) : Optional.empty());
        boolean axesGiven = n.getInputCount() > 3 && !n.getInput(3).isEmpty();
        if (pads.isPresent() && !axesGiven && pads.get().length >= 2 && pads.get()[0] == 0
                && pads.get()[pads.get().length / 2] == 0) {
            return Kind.BATCH;
        }
        return other(n, "pads the batch axis or pads by amounts computed at run time");
    }

    private Kind slice(NodeProto n) {
        Optional<long[]> starts = Attrs.ints(n, "starts").or(() -> constantInput(n, 1));
        Optional<long[]> ends = Attrs.ints(n, "ends").or(() -> constantInput(n, 2));
        Optional<long[]> axes = Attrs.ints(n, "axes").or(() -> constantInput(n, 3));
        Optional<long[]> steps = constantInput(n, 4);
        boolean axesGiven = Attrs.has(n, "axes") || n.getInputCount() > 3 && !n.getInput(3).isEmpty();
        boolean stepsGiven = n.getInputCount() > 4 && !n.getInput(4).isEmpty();
        if (starts.isEmpty() || ends.isEmpty() || axesGiven && axes.isEmpty() || stepsGiven && steps.isEmpty()) {
            return other(n, "slices by amounts computed at run time");
        }
        int rank = rank(n.getInput(0));
        for (int i = 0; i < starts.get().length; i++) {
            long axis = axesGiven ? axes.get()[i] : i;
            boolean zero = axis == 0 || rank > 0 && axis + rank == 0;
            boolean unknown = axis < 0 && rank < 0;
            boolean whole = starts.get()[i] == 0 && ends.get()[i] >= WHOLE_AXIS && (!stepsGiven || steps.get()[i] == 1);
            if ((zero || unknown) && !whole) {
                return other(n, "slices the batch axis");
            }
        }
        return Kind.BATCH;
    }

    private Kind resize(NodeProto n) {
        boolean sizesGiven = n.getInputCount() > 3 && !n.getInput(3).isEmpty();
        if (sizesGiven) {
            return other(n, "resizes to fixed sizes, batch included");
        }
        String scalesInput = n.getOpType().equals("Resize") && opset >= 11 ? input(n, 2) : input(n, 1);
        Optional<float[]> scales = Attrs.floats(n, "scales")
                .or(() -> graph.constant(scalesInput).flatMap(Tensors::floats));
        return scales.filter(s -> s.length > 0 && s[0] == 1f).isPresent() ? Kind.BATCH
                : other(n, "scales the batch axis, or by scales computed at run time");
    }

    private Kind leadingOne(NodeProto n, String constant, String what) {
        Optional<long[]> v = graph.constant(constant).flatMap(Tensors::longs);
        int rank = rank(n.getInput(0));
        boolean fine = v.isPresent() && v.get().length > 0
                && (v.get()[0] == 1 || rank > 0 && v.get().length < rank);
        return fine ? Kind.BATCH : other(n, what + " the batch axis");
    }

    /** Batch-leading when no axis in {@code axes} is axis 0; unknown axes or negative ones of unknown rank are not. */
    private Kind keepsAxisZero(NodeProto n, Optional<long[]> axes, int rank, String verb) {
        if (axes.isEmpty()) {
            return other(n, verb + " all axes, the batch included");
        }
        for (long a : axes.get()) {
            if (a == 0 || a < 0 && (rank < 0 || a + rank == 0)) {
                return other(n, verb + " the batch axis");
            }
        }
        return Kind.BATCH;
    }

    private Optional<long[]> constantInput(NodeProto n, int index) {
        return n.getInputCount() > index && !n.getInput(index).isEmpty()
                ? graph.constant(n.getInput(index)).flatMap(Tensors::longs) : Optional.empty();
    }

    private static String input(NodeProto n, int index) {
        return n.getInputCount() > index ? n.getInput(index) : "";
    }

    private int rank(String tensor) {
        return ranks.getOrDefault(tensor, -1);
    }

    private Kind other(NodeProto n, String why) {
        notAgnostic(n.getOpType() + " '" + n.getName() + "' " + why);
        return Kind.OTHER;
    }

    private void notAgnostic(String why) {
        if (notAgnostic == null) {
            notAgnostic = why;
        }
    }
}
