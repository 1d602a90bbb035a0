package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the convolutional part of an explanation graph in one memory layout on CPUs.
 *
 * <p>ONNX Runtime's CPU provider runs convolutions in a blocked channel layout ("NCHWc": channels
 * in blocks of 8 or 16) and keeps a tensor in it through the ops that support it — Conv (with a
 * fused Relu or Clip), Add, Sum and Mul of blocked tensors of one shape, Relu, the pools. Any
 * other op (Expand, ConvTranspose, MatMul, Slice, Pad, Where) reads and writes plain NCHW, and a
 * Sum or Mul with one plain input turns plain as well, so one such op spreads plain tensors with
 * a reorder before and after each convolution down a whole residual stage (measured: 15 % of
 * Integrated Gradients' time in reorders on ResNet-20).
 *
 * <p>The remedy is a <em>layout barrier</em>: an identity 1×1 depthwise convolution (weights 1,
 * no bias — exact, {@code 1·x + 0 = x} for every float) on the plain tensor just before it meets
 * a blocked one. ONNX Runtime runs it as a blocked convolution, so the Sum or Mul behind it stays
 * blocked, at the price of one element-wise pass over a tensor that needed a reorder anyway.
 * Barriers are added only for 4-D tensors whose channel count is a multiple of {@value #CHANNELS}
 * (the block sizes 8 and 16 divide it), where ONNX Runtime blocks convolutions.
 */
final class BlockedLayout {
    /** Channel counts that are multiples of this are blocked by ONNX Runtime on every x86 CPU. */
    static final long CHANNELS = LayoutBarrier.CHANNELS;

    /** Ops that keep blocked inputs blocked (binary ones only when all inputs are blocked). */
    private static final Set<String> KEEPING = Set.of("Conv", "Relu", "Sigmoid", "Tanh", "Add", "Sum", "Mul",
            "MaxPool", "AveragePool", "BatchNormalization", "Identity");

    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, long[]> shapes;
    private final Map<String, Boolean> blocked = new HashMap<>();

    /**
     * @param shapes static shapes of forward tensors ({@code -1} on the batch axis)
     */
    BlockedLayout(Map<String, long[]> shapes) {
        this.shapes = shapes;
    }

    private int emittedSeen;

    /** Records the producer of every output of {@code nodes} (the forward graph's nodes). */
    void produced(List<NodeProto> nodes) {
        for (NodeProto node : nodes) {
            for (String o : node.getOutputList()) {
                producers.put(o, node);
            }
        }
    }

    /** Records the producers of the nodes {@code e} emitted since the last call. */
    private void sync(GraphEmitter e) {
        List<NodeProto> emitted = e.nodes();
        produced(emitted.subList(emittedSeen, emitted.size()));
        emittedSeen = emitted.size();
    }

    /** Whether {@code shape} is one ONNX Runtime keeps blocked. */
    static boolean blockable(long[] shape) {
        return LayoutBarrier.blockable(shape);
    }

    /**
     * Whether ONNX Runtime will hold {@code tensor} in the blocked layout, judged from the ops that
     * produce it: a convolution's output is blocked (a Clip right behind a convolution is fused
     * into it); ops of {@link #KEEPING} pass blocked inputs on; graph inputs, constants and every
     * other op give plain tensors.
     */
    boolean isBlocked(String tensor) {
        Boolean known = blocked.get(tensor);
        if (known != null) {
            return known;
        }
        NodeProto p = producers.get(tensor);
        boolean b;
        if (p == null) {
            b = false;
        } else if (p.getOpType().equals("Conv")) {
            b = true;
        } else if (p.getOpType().equals("Clip")) {
            NodeProto in = producers.get(p.getInput(0));
            b = in != null && in.getOpType().equals("Conv");
        } else if (KEEPING.contains(p.getOpType())) {
            b = p.getInputCount() > 0 && p.getInputList().stream().allMatch(this::isBlocked);
        } else {
            b = false;
        }
        blocked.put(tensor, b);
        return b;
    }

    /**
     * {@code tensor} itself when it is blocked already or its shape is not blockable, else the
     * output of a layout barrier on it.
     *
     * @param shape the tensor's static shape ({@code -1} on the batch axis), null if not known
     */
    String blocked(String tensor, long[] shape, GraphEmitter e) {
        sync(e);
        if (!blockable(shape) || isBlocked(tensor)) {
            return tensor;
        }
        String out = barrier(tensor, shape[1], e);
        blocked.put(out, true);
        return out;
    }

    /** An identity 1×1 depthwise convolution of a tensor with {@code channels} channels. */
    static String barrier(String tensor, long channels, Emitter e) {
        return LayoutBarrier.conv(tensor, channels, e);
    }

    /**
     * The forward nodes with barriers in front of the plain inputs of each Add, Sum or Mul whose
     * inputs are 4-D tensors of one blockable shape and of which at least one is blocked (ResNet
     * shortcuts made of Slice and Pad meet a convolution's output there). The barriers' nodes and
     * constants go to {@code e}'s lists (the assembled graph is sorted topologically afterwards);
     * the returned list holds the forward nodes, with rewired inputs, in their order.
     */
    List<NodeProto> forward(List<NodeProto> nodes, GraphEmitter e) {
        sync(e);
        List<NodeProto> out = new ArrayList<>(nodes.size());
        for (NodeProto n : nodes) {
            if (Set.of("Add", "Sum", "Mul").contains(n.getOpType()) && n.getInputCount() > 1 && oneShape(n)
                    && n.getInputList().stream().anyMatch(this::isBlocked)) {
                NodeProto.Builder b = n.toBuilder();
                for (int i = 0; i < n.getInputCount(); i++) {
                    String in = n.getInput(i);
                    if (!isBlocked(in) && producers.containsKey(in)) {
                        b.setInput(i, blocked(in, shapes.get(in), e));
                    }
                }
                n = b.build();
                // later forward nodes judge this output by its new, blocked inputs
                produced(List.of(n));
                blocked.remove(n.getOutput(0));
            }
            out.add(n);
        }
        return out;
    }

    private boolean oneShape(NodeProto n) {
        long[] first = shapes.get(n.getInput(0));
        if (!blockable(first)) {
            return false;
        }
        return n.getInputList().stream().allMatch(i -> Arrays.equals(first, shapes.get(i)));
    }
}
