package dev.neurolens.graph.compile;

import com.google.protobuf.ByteString;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites a spatial subsampling {@code x[:, :, ::s, ::s]} (a Slice), and a zero channel Pad that
 * is its only reader, into one 1×1 Conv with stride {@code s} and 0/1 weights — the option-A
 * shortcut of CIFAR ResNets. The values are the same (each output is one input times 1, plus
 * zeros); ONNX Runtime runs the Conv in its blocked layout, where the Slice and the Pad ran plain
 * with layout conversions around them, and the Conv's VJP is a {@link PolyphaseConv}.
 *
 * <p>The output keeps its tensor name, so layers, taps and gradients asked for by name still
 * exist; a Slice whose output is asked for itself keeps its Pad separate.
 */
final class SubsamplingAsConv {
    private SubsamplingAsConv() {
    }

    /**
     * The graph with each such Slice (a chain of Slices that each subsample some spatial axes
     * counts as one) and its Pad replaced.
     *
     * @param graph the forward graph, nodes in topological order
     * @param opset the model's opset (to fold the Pad's computed pads)
     * @param shapes static shapes by tensor name ({@code -1} on the batch axis)
     * @param constants constant tensors by name (initializers and Constant nodes)
     * @param named tensors that must keep existing (the plan's output, gradients and taps)
     * @param overridden nodes the plan gives a backward rule of their own: left as they are
     */
    static GraphProto rewrite(GraphProto graph, long opset, Map<String, long[]> shapes,
            Map<String, TensorProto> constants, Set<String> named, Predicate<NodeProto> overridden) {
        Map<String, List<NodeProto>> readers = new HashMap<>();
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            n.getInputList().forEach(i -> readers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        Set<String> kept = new HashSet<>(named);
        graph.getOutputList().forEach(o -> kept.add(o.getName()));
        Map<NodeProto, long[]> steps = new IdentityHashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Slice") && !overridden.test(n)) {
                steps(n, shapes, constants).ifPresent(st -> steps.put(n, st));
            }
        }
        Map<NodeProto, NodeProto> replaced = new IdentityHashMap<>();
        Set<NodeProto> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        List<TensorProto> weights = new ArrayList<>();
        Set<String> used = new HashSet<>(); // the graph may be an explanation graph compiled again
        graph.getInitializerList().forEach(t -> used.add(t.getName()));
        graph.getInputList().forEach(v -> used.add(v.getName()));
        graph.getNodeList().forEach(n -> used.addAll(n.getOutputList()));
        for (NodeProto last : graph.getNodeList()) {
            if (!steps.containsKey(last) || feedsAnother(last, readers, steps, kept)) {
                continue;
            }
            // walk up the chain of subsampling Slices that only feed each other
            List<NodeProto> chain = new ArrayList<>(List.of(last));
            long[] stride = steps.get(last).clone();
            NodeProto first = last;
            for (NodeProto up = producer.get(first.getInput(0)); up != null && steps.containsKey(up)
                    && feedsAnother(up, readers, steps, kept); up = producer.get(first.getInput(0))) {
                first = up;
                chain.add(up);
                stride[0] *= steps.get(up)[0];
                stride[1] *= steps.get(up)[1];
            }
            if (stride[0] != stride[1] || stride[0] < 2) {
                continue;
            }
            String x = first.getInput(0);
            long channels = shapes.get(x)[1];
            String out = last.getOutput(0);
            List<NodeProto> next = readers.getOrDefault(out, List.of());
            long[] channelPads = next.size() == 1 && !kept.contains(out) && !overridden.test(next.get(0))
                    ? channelPads(next.get(0), graph, opset, producer, constants).orElse(null) : null;
            long before = channelPads == null ? 0 : channelPads[0];
            long total = channels + (channelPads == null ? 0 : channelPads[0] + channelPads[1]);
            float[] w = new float[(int) (total * channels)];
            for (int c = 0; c < channels; c++) {
                w[(int) ((c + before) * channels + c)] = 1f;
            }
            String weight = unusedName("neurolens/subsample_", used);
            weights.add(floats(weight, w, total, channels, 1, 1));
            // a name of its own: a rule the plan names for the Slice is not meant for a Conv
            NodeProto conv = NodeProto.newBuilder().setOpType("Conv").setName(last.getName() + "/as_conv")
                    .addInput(x).addInput(weight).addOutput(channelPads == null ? out : next.get(0).getOutput(0))
                    .addAttribute(ints("kernel_shape", 1, 1)).addAttribute(ints("strides", stride[0], stride[1]))
                    .build();
            replaced.put(last, conv);
            dropped.addAll(chain.subList(1, chain.size()));
            if (channelPads != null) {
                dropped.add(next.get(0));
            }
        }
        if (replaced.isEmpty()) {
            return graph;
        }
        List<NodeProto> nodes = new ArrayList<>();
        ArrayDeque<String> unread = new ArrayDeque<>();
        for (NodeProto n : graph.getNodeList()) {
            if (dropped.contains(n) || replaced.containsKey(n)) {
                n.getInputList().stream().skip(1).forEach(unread::push); // slice bounds, pads
            }
            if (!dropped.contains(n)) {
                nodes.add(replaced.getOrDefault(n, n));
            }
        }
        GraphProto.Builder b = graph.toBuilder().clearNode();
        b.addAllNode(withoutDeadConstants(nodes, unread, kept, b));
        return b.addAllInitializer(weights).build();
    }

    /**
     * Removes the constants (nodes and initializers) that only the replaced nodes read, so that
     * ONNX Runtime does not warn about unused initializers.
     */
    private static List<NodeProto> withoutDeadConstants(List<NodeProto> nodes, ArrayDeque<String> unread,
            Set<String> kept, GraphProto.Builder graph) {
        while (!unread.isEmpty()) {
            String t = unread.pop();
            if (t.isEmpty() || kept.contains(t) || nodes.stream().anyMatch(n -> n.getInputList().contains(t))
                    || graph.getInputList().stream().anyMatch(v -> v.getName().equals(t))) {
                continue;
            }
            for (int i = 0; i < nodes.size(); i++) {
                NodeProto p = nodes.get(i);
                if (p.getOutputList().contains(t) && p.getOutputList().stream().noneMatch(kept::contains)
                        && p.getOutputList().stream().allMatch(o -> nodes.stream()
                                .noneMatch(n -> n.getInputList().contains(o)))) {
                    nodes.remove(i);
                    p.getInputList().forEach(unread::push);
                    break;
                }
            }
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                if (graph.getInitializer(i).getName().equals(t)) {
                    graph.removeInitializer(i);
                    break;
                }
            }
        }
        return nodes;
    }

    /** {@code prefix + k} for the first {@code k} that is not used yet; marks it used. */
    private static String unusedName(String prefix, Set<String> used) {
        int k = 0;
        while (used.contains(prefix + k)) {
            k++;
        }
        used.add(prefix + k);
        return prefix + k;
    }

    /** Whether a subsampling Slice's output is read only by another one (and not asked for). */
    private static boolean feedsAnother(NodeProto slice, Map<String, List<NodeProto>> readers,
            Map<NodeProto, long[]> steps, Set<String> kept) {
        List<NodeProto> next = readers.getOrDefault(slice.getOutput(0), List.of());
        return next.size() == 1 && steps.containsKey(next.get(0)) && !kept.contains(slice.getOutput(0));
    }

    /**
     * The steps {@code {sh, sw}} of a Slice of a 4-D tensor that keeps batch and channels whole
     * and takes {@code ::s} (from the first element, to the end) of the spatial axes it slices.
     */
    private static Optional<long[]> steps(NodeProto slice, Map<String, long[]> shapes,
            Map<String, TensorProto> constants) {
        long[] xs = shapes.get(slice.getInput(0));
        if (xs == null || xs.length != 4 || xs[1] < 1 || xs[2] < 1 || xs[3] < 1 || slice.getInputCount() != 5) {
            return Optional.empty();
        }
        long[][] in = new long[4][];
        for (int i = 1; i < 5; i++) {
            TensorProto t = constants.get(slice.getInput(i));
            if (t == null) {
                return Optional.empty();
            }
            in[i - 1] = LinearValues.longs(t);
        }
        long[] starts = in[0];
        long[] ends = in[1];
        long[] axes = in[2];
        long[] step = in[3];
        long[] stepOf = {1, 1, 1, 1};
        for (int i = 0; i < axes.length; i++) {
            int d = (int) (axes[i] < 0 ? axes[i] + 4 : axes[i]);
            if (d == 0) {
                if (starts[i] != 0 || step[i] != 1 || ends[i] < Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                continue;
            }
            if (step[i] < 1) {
                return Optional.empty();
            }
            long[] r = SliceRange.of(starts[i], ends[i], step[i], xs[d]);
            if (r[0] != 0 || r[1] != (xs[d] + step[i] - 1) / step[i]) {
                return Optional.empty();
            }
            stepOf[d] = step[i];
        }
        return stepOf[1] == 1 ? Optional.of(new long[] {stepOf[2], stepOf[3]}) : Optional.empty();
    }

    /** {@code {before, after}} of a constant-zero Pad of the channel axis only. */
    private static Optional<long[]> channelPads(NodeProto pad, GraphProto graph, long opset,
            Map<String, NodeProto> producer, Map<String, TensorProto> constants) {
        if (!pad.getOpType().equals("Pad") || !Attributes.text(pad, "mode", "constant").equals("constant")
                || pad.getInputCount() < 2 || pad.getInputCount() > 3) {
            return Optional.empty();
        }
        Optional<double[]> p = ConstantSubgraph.value(pad.getInput(1), graph, opset, producer, constants);
        if (p.isEmpty() || p.get().length != 8 || p.get()[1] < 0 || p.get()[5] < 0) {
            return Optional.empty();
        }
        double[] pads = p.get();
        for (int i : new int[] {0, 2, 3, 4, 6, 7}) {
            if (pads[i] != 0) {
                return Optional.empty();
            }
        }
        if (pad.getInputCount() == 3 && !pad.getInput(2).isEmpty()) {
            Optional<double[]> v = ConstantSubgraph.value(pad.getInput(2), graph, opset, producer, constants);
            if (v.isEmpty() || v.get().length != 1 || v.get()[0] != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new long[] {(long) pads[1], (long) pads[5]});
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
