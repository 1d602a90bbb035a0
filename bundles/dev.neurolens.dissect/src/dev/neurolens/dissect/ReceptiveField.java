package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.TensorNames;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The receptive field of a layer's units in input pixels, from the strides, kernels, dilations and
 * paddings of the convolutions and poolings between the input and the layer, by the standard
 * recurrences per spatial axis (Araujo et al., "Computing receptive fields of convolutional neural
 * networks", Distill 2019; the "Region(i, j)" of the seed notes):
 *
 * <pre>
 * k' = d (k − 1) + 1                    effective kernel
 * jump_out  = jump_in · s               distance in input pixels between neighbouring outputs
 * size_out  = size_in + (k' − 1) jump_in
 * start_out = start_in + ((k' − 1)/2 − pad_begin) jump_in     centre of output 0
 * </pre>
 *
 * starting from {@code jump = 1, size = 1, start = 0} at the input (pixel centres at integer
 * coordinates). Position {@code i} of the layer is centred on input coordinate
 * {@code start + i · jump} and sees {@code size} pixels around it. Element-wise ops, normalization
 * and channel concatenation keep the field; a Slice with constant steps subsamples it, a Pad with
 * constant pads shifts it; where
 * branches meet (a residual {@code Add}) the largest field wins, and a branch of unknown geometry
 * (e.g. a shortcut padded with computed pads) is left out there. If no path of known geometry
 * reaches the layer (Resize, transposed convolutions, reshapes), it fails naming the first
 * unknown node.
 *
 * @param jumpY distance between neighbouring rows of the layer, in input rows
 * @param jumpX distance between neighbouring columns, in input columns
 * @param sizeY field height in input rows
 * @param sizeX field width in input columns
 * @param startY input row of the centre of layer row 0 (may be fractional or negative)
 * @param startX input column of the centre of layer column 0
 */
public record ReceptiveField(double jumpY, double jumpX, double sizeY, double sizeX, double startY, double startX) {

    private static final ReceptiveField PIXEL = new ReceptiveField(1, 1, 1, 1, 0, 0);

    /** Ops that keep the spatial geometry of their (spatial) inputs. */
    private static final Set<String> POINTWISE = Set.of("Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu",
            "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign", "Clip", "Abs", "Neg", "Exp", "Log",
            "Sqrt", "Reciprocal", "Identity", "Dropout", "BatchNormalization", "InstanceNormalization",
            "LpNormalization", "LRN", "Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "Mean", "Pow", "Concat",
            "Cast", "Erf", "Mish", "ThresholdedRelu", "Where");

    /**
     * The receptive field of {@code layer} (a tensor or node name) in {@code model}, whose first
     * non-initializer input is the image.
     *
     * @throws NeuroLensException if the layer is unknown, not reached from the input, or an op
     *     between them has no known geometry
     */
    public static ReceptiveField of(ModelProto model, String layer) {
        String tensor = TensorNames.of(model).resolve(layer).orElseThrow(() -> new NeuroLensException(
                "the model has no layer or tensor '" + layer + "'; run 'neurolens info' to see layer names"));
        Set<String> weights = new HashSet<>();
        model.getGraph().getInitializerList().forEach(t -> weights.add(t.getName()));
        String input = model.getGraph().getInputList().stream().map(ValueInfoProto::getName)
                .filter(n -> !weights.contains(n)).findFirst()
                .orElseThrow(() -> new NeuroLensException("the model has no input"));
        Map<String, List<Long>> weightDims = new HashMap<>();
        Map<String, long[]> constants = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            weightDims.put(t.getName(), t.getDimsList());
            longs(t).ifPresent(v -> constants.put(t.getName(), v));
        }
        Map<String, ReceptiveField> fields = new HashMap<>();
        fields.put(input, PIXEL);
        NodeProto firstUnknown = null;
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOpType().equals("Constant")) {
                node.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                        .flatMap(a -> longs(a.getT())).ifPresent(v -> constants.put(node.getOutput(0), v));
                continue;
            }
            ReceptiveField in = null;
            for (String name : node.getInputList()) {
                ReceptiveField f = fields.get(name);
                if (f != null) {
                    in = in == null ? f : in.widest(f);
                }
            }
            if (in == null) {
                continue;
            }
            Optional<ReceptiveField> out = in.through(node, weightDims, constants);
            if (out.isEmpty()) {
                // a branch of unknown geometry is dropped; where branches meet, the known ones count
                if (firstUnknown == null && (node.getOutputList().contains(tensor) || leadsTo(model, node, tensor))) {
                    firstUnknown = node;
                }
                continue;
            }
            for (String o : node.getOutputList()) {
                fields.put(o, out.get());
            }
        }
        if (!fields.containsKey(tensor) && firstUnknown != null) {
            throw new NeuroLensException("cannot compute the receptive field of '" + layer + "': op "
                    + firstUnknown.getOpType() + " at node '" + firstUnknown.getName()
                    + "' has no known spatial geometry");
        }
        ReceptiveField f = fields.get(tensor);
        if (f == null) {
            throw new NeuroLensException("layer '" + layer + "' is not computed from the model input");
        }
        return f;
    }

    /** Whether {@code tensor} depends on an output of {@code from}. */
    private static boolean leadsTo(ModelProto model, NodeProto from, String tensor) {
        Set<String> reached = new HashSet<>(from.getOutputList());
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getInputList().stream().anyMatch(reached::contains)) {
                reached.addAll(n.getOutputList());
            }
        }
        return reached.contains(tensor);
    }

    /** The field after {@code node}, or empty if its geometry is unknown. */
    private Optional<ReceptiveField> through(NodeProto node, Map<String, List<Long>> weightDims,
            Map<String, long[]> constants) {
        String op = node.getOpType();
        if (POINTWISE.contains(op)) {
            return Optional.of(this);
        }
        if (op.equals("Slice")) {
            return slice(node, constants);
        }
        if (op.equals("Pad")) {
            long[] pads = node.getInputCount() > 1 ? constants.get(node.getInput(1)) : null;
            if (pads == null || pads.length != 8 || node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
                return Optional.empty();
            }
            // pads [n, c, y, x begins, n, c, y, x ends]: output position 0 now lies pads[2] rows earlier
            return Optional.of(new ReceptiveField(jumpY, jumpX, sizeY, sizeX, startY - pads[2] * jumpY,
                    startX - pads[3] * jumpX));
        }
        if (op.equals("Conv") || op.equals("MaxPool") || op.equals("AveragePool") || op.equals("LpPool")) {
            if (!attribute(node, "auto_pad").map(a -> a.getS().toStringUtf8()).orElse("NOTSET").equals("NOTSET")
                    && !attribute(node, "auto_pad").get().getS().toStringUtf8().equals("VALID")) {
                return Optional.empty();
            }
            List<Long> k = ints(node, "kernel_shape");
            if (k.isEmpty() && op.equals("Conv") && node.getInputCount() > 1
                    && weightDims.getOrDefault(node.getInput(1), List.of()).size() == 4) {
                k = weightDims.get(node.getInput(1)).subList(2, 4);
            }
            if (k.size() != 2) {
                return Optional.empty();
            }
            List<Long> s = ints(node, "strides");
            List<Long> d = ints(node, "dilations");
            List<Long> p = ints(node, "pads");
            return Optional.of(new ReceptiveField(
                    jumpY * at(s, 0), jumpX * at(s, 1),
                    sizeY + (effective(k, d, 0) - 1) * jumpY, sizeX + (effective(k, d, 1) - 1) * jumpX,
                    startY + ((effective(k, d, 0) - 1) / 2.0 - (p.isEmpty() ? 0 : p.get(0))) * jumpY,
                    startX + ((effective(k, d, 1) - 1) / 2.0 - (p.isEmpty() ? 0 : p.get(1))) * jumpX));
        }
        return Optional.empty();
    }

    /**
     * A Slice with constant starts, axes and steps: on a spatial axis (2, 3 or -2, -1 of NCHW) a
     * step {@code s} multiplies the jump and a start {@code b >= 0} moves the centre by
     * {@code b · jump}; other axes keep the field.
     */
    private Optional<ReceptiveField> slice(NodeProto node, Map<String, long[]> constants) {
        long[] starts = node.getInputCount() > 1 ? constants.get(node.getInput(1)) : null;
        long[] axes = node.getInputCount() > 3 && !node.getInput(3).isEmpty() ? constants.get(node.getInput(3))
                : starts == null ? null : java.util.stream.LongStream.range(0, starts.length).toArray();
        long[] steps = node.getInputCount() > 4 && !node.getInput(4).isEmpty() ? constants.get(node.getInput(4))
                : starts == null ? null : java.util.stream.LongStream.generate(() -> 1).limit(starts.length).toArray();
        if (starts == null || axes == null || steps == null || axes.length != starts.length
                || steps.length != starts.length) {
            return Optional.empty();
        }
        double[] jump = {jumpY, jumpX};
        double[] start = {startY, startX};
        for (int i = 0; i < axes.length; i++) {
            int axis = (int) (axes[i] < 0 ? axes[i] + 4 : axes[i]);
            if (axis < 2) {
                continue;
            }
            if (axis > 3 || steps[i] < 1 || starts[i] < 0) {
                return Optional.empty();
            }
            start[axis - 2] += starts[i] * jump[axis - 2];
            jump[axis - 2] *= steps[i];
        }
        return Optional.of(new ReceptiveField(jump[0], jump[1], sizeY, sizeX, start[0], start[1]));
    }

    /** The values of an integer tensor, if it is one. */
    private static Optional<long[]> longs(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            return Optional.empty();
        }
        if (t.getInt64DataCount() > 0) {
            return Optional.of(t.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
        }
        java.nio.LongBuffer b = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer();
        long[] v = new long[b.remaining()];
        b.get(v);
        return Optional.of(v);
    }

    private static long effective(List<Long> kernel, List<Long> dilations, int axis) {
        return at(dilations, axis) * (kernel.get(axis) - 1) + 1;
    }

    private static long at(List<Long> values, int axis) {
        return values.isEmpty() ? 1 : values.get(axis);
    }

    private static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    private static List<Long> ints(NodeProto node, String name) {
        return attribute(node, name).map(AttributeProto::getIntsList).orElse(List.of());
    }

    /** Of two fields meeting at a node, the one that sees more. */
    private ReceptiveField widest(ReceptiveField other) {
        return other.sizeY * other.sizeX > sizeY * sizeX ? other : this;
    }

    /**
     * The input pixels that layer position (row {@code i}, column {@code j}) sees, unclipped:
     * {@code size} pixels centred on {@code start + i · jump} per axis.
     */
    public Region region(int i, int j) {
        double cy = startY + i * jumpY;
        double cx = startX + j * jumpX;
        return new Region((int) Math.ceil(cy - (sizeY - 1) / 2), (int) Math.ceil(cx - (sizeX - 1) / 2),
                (int) Math.floor(cy + (sizeY - 1) / 2), (int) Math.floor(cx + (sizeX - 1) / 2));
    }
}
