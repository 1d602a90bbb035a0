package dev.neurolens.graph.compile;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Backward rules of element-wise ops: activations and arithmetic with broadcasting. */
public final class ElementwiseRules {
    private ElementwiseRules() {
    }

    private static List<String> first(String g, int inputs) {
        List<String> out = new ArrayList<>(Arrays.asList(new String[inputs]));
        out.set(0, g);
        return out;
    }

    private static String zeroLike(Emitter e) {
        return e.scalar(0f);
    }

    /** Identity, Dropout (inference) and float Cast: the gradient passes through unchanged. */
    public record PassThrough() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            return first(g.get(0), node.getInputCount());
        }
    }

    /**
     * Relu: {@code g · [x > 0]}, read off the output ({@code y > 0} exactly when {@code x > 0}) so
     * that the pre-activation is not needed and ONNX Runtime can still fuse Conv+Relu forward.
     *
     * <p>On 4-D tensors that ONNX Runtime keeps in its blocked convolution layout
     * ({@link BlockedLayout}) the mask is {@code Clip(1×1 depthwise Conv(y, 3e38), 0, 1)}, which
     * runs as one blocked convolution with a fused Clip, and the product is a blocked Mul; the
     * Greater+Where pair below would be read and written in plain NCHW, with a layout reorder
     * before and after (together ~28 % of Integrated Gradients' time on ResNet-20). It is the same
     * 0/1 mask for every normal float: {@code 3e38·y ≥ 1} for {@code y ≥ 1.2e-38} (an overflow
     * to +∞ is clipped to 1), {@code 0·3e38 = 0}. Only a subnormal {@code y} below {@code 3.4e-39}
     * would give a fraction. A zero gradient may come out as {@code −0.0} ({@code −g·0}) where
     * PyTorch writes {@code +0.0}; the compiler adds {@code +0.0} to its outputs, which turns
     * every {@code −0.0} into {@code +0.0} and changes no other value.
     */
    public record Relu() implements BackwardRule {
        /** The mask's scale: the largest power-of-ten multiple below Float.MAX_VALUE. */
        static final float MASK_SCALE = 3.0e38f;

        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String y = node.getOutput(0);
            long[] shape = e.shape(y);
            if (BlockedLayout.blockable(shape)) {
                int c = (int) shape[1];
                float[] scale = new float[c];
                Arrays.fill(scale, MASK_SCALE);
                String scaled = e.node("Conv", List.of(y, e.floats(scale, c, 1, 1, 1)),
                        Map.of("group", (long) c, "kernel_shape", new long[] {1, 1}));
                String mask = e.node("Clip", List.of(scaled, e.scalar(0f), e.scalar(1f)), Map.of());
                return first(e.node("Mul", List.of(g.get(0), mask), Map.of()), 1);
            }
            String mask = e.node("Greater", List.of(y, e.scalar(0f)), Map.of());
            return first(e.node("Where", List.of(mask, g.get(0), zeroLike(e)), Map.of()), 1);
        }
    }

    /** LeakyRelu: {@code g} where {@code x > 0}, else {@code alpha · g}. */
    public record LeakyRelu() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            float alpha = Attributes.real(node, "alpha", 0.01f);
            String x = node.getInput(0);
            String mask = e.node("Greater", List.of(x, e.scalar(0f)), Map.of());
            String scaled = e.node("Mul", List.of(g.get(0), e.scalar(alpha)), Map.of());
            return first(e.node("Where", List.of(mask, g.get(0), scaled), Map.of()), 1);
        }
    }

    /**
     * Clip (e.g. ReLU6): {@code g} strictly inside {@code (min, max)}, else 0 — read off the output,
     * which is strictly inside exactly when the input is (keeps Conv+Clip fusable).
     */
    public record Clip() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getOutput(0);
            String mask = null;
            if (node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
                mask = e.node("Greater", List.of(x, node.getInput(1)), Map.of());
            }
            if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                String below = e.node("Less", List.of(x, node.getInput(2)), Map.of());
                mask = mask == null ? below : e.node("And", List.of(mask, below), Map.of());
            }
            String out = mask == null ? g.get(0) : e.node("Where", List.of(mask, g.get(0), zeroLike(e)), Map.of());
            return first(out, node.getInputCount());
        }
    }

    /** Sigmoid: {@code g · y · (1 − y)}. */
    public record Sigmoid() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String y = node.getOutput(0);
            String oneMinus = e.node("Sub", List.of(e.scalar(1f), y), Map.of());
            String d = e.node("Mul", List.of(y, oneMinus), Map.of());
            return first(e.node("Mul", List.of(g.get(0), d), Map.of()), 1);
        }
    }

    /** Tanh: {@code g · (1 − y²)}. */
    public record Tanh() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String y = node.getOutput(0);
            String d = e.node("Sub", List.of(e.scalar(1f), e.node("Mul", List.of(y, y), Map.of())), Map.of());
            return first(e.node("Mul", List.of(g.get(0), d), Map.of()), 1);
        }
    }

    /** HardSigmoid {@code max(0, min(1, αx + β))}: {@code α·g} where {@code 0 < αx+β < 1}. */
    public record HardSigmoid() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            float alpha = Attributes.real(node, "alpha", 0.2f);
            float beta = Attributes.real(node, "beta", 0.5f);
            String x = node.getInput(0);
            String z = e.node("Add", List.of(e.node("Mul", List.of(x, e.scalar(alpha)), Map.of()), e.scalar(beta)),
                    Map.of());
            String inside = e.node("And", List.of(e.node("Greater", List.of(z, e.scalar(0f)), Map.of()),
                    e.node("Less", List.of(z, e.scalar(1f)), Map.of())), Map.of());
            String scaled = e.node("Mul", List.of(g.get(0), e.scalar(alpha)), Map.of());
            return first(e.node("Where", List.of(inside, scaled, zeroLike(e)), Map.of()), 1);
        }
    }

    /** HardSwish {@code x·HardSigmoid(x; 1/6, 1/2)}: 0 below −3, 1 above 3, {@code (2x+3)/6} between. */
    public record HardSwish() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getInput(0);
            String mid = e.node("Add", List.of(e.node("Mul", List.of(x, e.scalar(1f / 3f)), Map.of()), e.scalar(0.5f)),
                    Map.of());
            String upper = e.node("Where", List.of(e.node("Greater", List.of(x, e.scalar(3f)), Map.of()), e.scalar(1f),
                    mid), Map.of());
            String d = e.node("Where", List.of(e.node("Less", List.of(x, e.scalar(-3f)), Map.of()), e.scalar(0f),
                    upper), Map.of());
            return first(e.node("Mul", List.of(g.get(0), d), Map.of()), 1);
        }
    }

    /** Softmax over {@code axis} (opset ≥ 13 semantics): {@code y · (g − Σ_axis g·y)}. */
    public record Softmax() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String y = node.getOutput(0);
            long axis = Attributes.integer(node, "axis", -1);
            String gy = e.node("Mul", List.of(g.get(0), y), Map.of());
            String s = e.node("ReduceSum", List.of(gy, e.ints(axis)), Map.of("keepdims", 1L));
            return first(e.node("Mul", List.of(y, e.node("Sub", List.of(g.get(0), s), Map.of())), Map.of()), 1);
        }
    }

    /** Add and Sum: each operand gets {@code g}, summed over its broadcast axes. */
    public record Add() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            long[] out = e.shape(node.getOutput(0));
            List<String> r = new ArrayList<>();
            for (String in : node.getInputList()) {
                r.add(e.needsGradient(in) ? Broadcasting.reduce(e, g.get(0), out, in) : null);
            }
            return r;
        }
    }

    /** Sub: {@code g} and {@code −g}, each summed over its broadcast axes. */
    public record Sub() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            long[] out = e.shape(node.getOutput(0));
            String a = node.getInput(0);
            String b = node.getInput(1);
            String ga = e.needsGradient(a) ? Broadcasting.reduce(e, g.get(0), out, a) : null;
            String gb = e.needsGradient(b)
                    ? Broadcasting.reduce(e, e.node("Neg", List.of(g.get(0)), Map.of()), out, b) : null;
            return Arrays.asList(ga, gb);
        }
    }

    /** Mul: {@code g·b} and {@code g·a}, each summed over its broadcast axes. */
    public record Mul() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            long[] out = e.shape(node.getOutput(0));
            String a = node.getInput(0);
            String b = node.getInput(1);
            String ga = e.needsGradient(a)
                    ? Broadcasting.reduce(e, e.node("Mul", List.of(g.get(0), b), Map.of()), out, a) : null;
            String gb = e.needsGradient(b)
                    ? Broadcasting.reduce(e, e.node("Mul", List.of(g.get(0), a), Map.of()), out, b) : null;
            return Arrays.asList(ga, gb);
        }
    }

    /** Div: {@code g/b} and {@code −g·a/b²}, each summed over its broadcast axes. */
    public record Div() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            long[] out = e.shape(node.getOutput(0));
            String a = node.getInput(0);
            String b = node.getInput(1);
            String ga = e.needsGradient(a)
                    ? Broadcasting.reduce(e, e.node("Div", List.of(g.get(0), b), Map.of()), out, a) : null;
            String gb = null;
            if (e.needsGradient(b)) {
                String y = node.getOutput(0);
                String t = e.node("Neg", List.of(e.node("Div", List.of(e.node("Mul", List.of(g.get(0), y), Map.of()), b),
                        Map.of())), Map.of());
                gb = Broadcasting.reduce(e, t, out, b);
            }
            return Arrays.asList(ga, gb);
        }
    }
}
