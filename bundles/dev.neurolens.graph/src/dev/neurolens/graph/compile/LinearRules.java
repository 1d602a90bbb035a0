package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Backward rules of the linear layers: Gemm, MatMul, Conv, BatchNormalization (inference). */
public final class LinearRules {
    private LinearRules() {
    }

    private static NeuroLensException weightGradient(NodeProto node) {
        return new NeuroLensException("node '" + node.getName() + "' (" + node.getOpType()
                + ") computes its weights from the input; gradients with respect to weights are not supported");
    }

    /**
     * Gemm {@code Y = α·A'B' + β·C} with {@code A' = transA ? Aᵀ : A}: {@code dA = α·g·B'ᵀ}
     * (transposed back when transA), emitted as Gemm nodes; {@code dC = β·g} summed over its
     * broadcast axes.
     */
    public record Gemm() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            float alpha = Attributes.real(node, "alpha", 1f);
            float beta = Attributes.real(node, "beta", 1f);
            long transA = Attributes.integer(node, "transA", 0);
            long transB = Attributes.integer(node, "transB", 0);
            String a = node.getInput(0);
            String b = node.getInput(1);
            String ga = null;
            if (e.needsGradient(a)) {
                ga = transA == 0
                        ? e.node("Gemm", List.of(g.get(0), b), Map.of("alpha", alpha, "transB", 1 - transB))
                        : e.node("Gemm", List.of(b, g.get(0)), Map.of("alpha", alpha, "transA", transB, "transB", 1L));
            }
            String gb = null;
            if (e.needsGradient(b)) {
                gb = transB == 0
                        ? e.node("Gemm", List.of(a, g.get(0)), Map.of("alpha", alpha, "transA", 1 - transA))
                        : e.node("Gemm", List.of(g.get(0), a), Map.of("alpha", alpha, "transA", 1L, "transB", transA));
            }
            String gc = null;
            if (node.getInputCount() > 2 && e.needsGradient(node.getInput(2))) {
                String scaled = beta == 1f ? g.get(0) : e.node("Mul", List.of(g.get(0), e.scalar(beta)), Map.of());
                gc = Broadcasting.reduce(e, scaled, e.shape(node.getOutput(0)), node.getInput(2));
            }
            return Arrays.asList(ga, gb, gc);
        }
    }

    /** MatMul (rank ≥ 2, batch broadcasting): {@code dA = g·Bᵀ}, {@code dB = Aᵀ·g}, reduced to each shape. */
    public record MatMul() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String a = node.getInput(0);
            String b = node.getInput(1);
            long[] out = e.shape(node.getOutput(0));
            if (e.shape(a).length < 2 || e.shape(b).length < 2) {
                throw new NeuroLensException("MatMul node '" + node.getName() + "' has a 1-D operand; its backward "
                        + "rule supports operands of rank 2 or more");
            }
            String ga = e.needsGradient(a)
                    ? Broadcasting.reduce(e, e.node("MatMul", List.of(g.get(0), swapLast(e, b)), Map.of()), out, a) : null;
            String gb = e.needsGradient(b)
                    ? Broadcasting.reduce(e, e.node("MatMul", List.of(swapLast(e, a), g.get(0)), Map.of()), out, b) : null;
            return Arrays.asList(ga, gb);
        }

        private static String swapLast(Emitter e, String t) {
            int r = e.shape(t).length;
            long[] perm = new long[r];
            for (int i = 0; i < r; i++) {
                perm[i] = i;
            }
            perm[r - 2] = r - 1;
            perm[r - 1] = r - 2;
            return e.node("Transpose", List.of(t), Map.of("perm", perm));
        }
    }

    /**
     * Conv: the gradient of the input is a ConvTranspose of {@code g} with the same weights,
     * strides, dilations and group; pads and output_padding are chosen so that the result has the
     * input's size (BUILD-NOTES: output_padding = (in + pad_begin + pad_end − k_eff) mod stride).
     * ONNX Runtime runs ConvTranspose slowly, so the same sums are emitted as Convs where possible:
     * with flipped weights at stride 1, in polyphase form ({@link PolyphaseConv}) for 2-D
     * convolutions with equal strides.
     */
    public record Conv() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getInput(0);
            String w = node.getInput(1);
            if (e.needsGradient(w) || node.getInputCount() > 2 && e.needsGradient(node.getInput(2))) {
                throw weightGradient(node);
            }
            if (!e.needsGradient(x)) {
                return Arrays.asList(null, null, null);
            }
            ConvGeometry geo = ConvGeometry.of(node, e.shape(x), e.shape(w));
            if (geo.unitStrides() && geo.flippedPadsFit()) {
                return Arrays.asList(flippedConv(g.get(0), w, e.shape(w), geo, e), null, null);
            }
            var polyphase = PolyphaseConv.inputGradient(g.get(0), w, e.shape(w), geo, e);
            if (polyphase.isPresent()) {
                return Arrays.asList(polyphase.get(), null, null);
            }
            Map<String, Object> attrs = new HashMap<>();
            attrs.put("strides", geo.strides());
            attrs.put("dilations", geo.dilations());
            attrs.put("group", geo.group());
            attrs.put("kernel_shape", geo.kernel());
            long[][] crop = geo.transposePadsAndOutputPadding();
            attrs.put("pads", crop[0]);
            attrs.put("output_padding", crop[1]);
            String gx = e.node("ConvTranspose", List.of(g.get(0), w), attrs);
            return Arrays.asList(gx, null, null);
        }
    }

    /**
     * The stride-1 Conv VJP as a Conv of {@code g} with the weights flipped in space and their
     * channel axes swapped (per group), padded by {@code k_eff − 1 − pad}: the same numbers as the
     * ConvTranspose, but ONNX Runtime runs Conv several times faster. The weight transform works
     * on a constant, so ONNX Runtime folds it when the session is created.
     */
    private static String flippedConv(String g, String w, long[] ws, ConvGeometry geo, Emitter e) {
        int n = ws.length - 2;
        long group = geo.group();
        long cOut = ws[0];
        long cInPerGroup = ws[1];
        String swapped;
        if (group == 1) {
            long[] perm = new long[ws.length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            perm[0] = 1;
            perm[1] = 0;
            swapped = e.node("Transpose", List.of(w), Map.of("perm", perm));
        } else {
            long[] split = new long[ws.length + 1];
            split[0] = group;
            split[1] = cOut / group;
            split[2] = cInPerGroup;
            long[] perm = new long[ws.length + 1];
            perm[0] = 0;
            perm[1] = 2;
            perm[2] = 1;
            long[] joined = new long[ws.length];
            joined[0] = group * cInPerGroup;
            joined[1] = cOut / group;
            for (int i = 0; i < n; i++) {
                split[3 + i] = ws[2 + i];
                perm[3 + i] = 3 + i;
                joined[2 + i] = ws[2 + i];
            }
            String grouped = e.node("Reshape", List.of(w, e.ints(split)), Map.of());
            String t = e.node("Transpose", List.of(grouped), Map.of("perm", perm));
            swapped = e.node("Reshape", List.of(t, e.ints(joined)), Map.of());
        }
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] axes = new long[n];
        long[] steps = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = -1;
            ends[i] = Long.MIN_VALUE;
            axes[i] = 2 + i;
            steps[i] = -1;
        }
        String flipped = e.node("Slice", List.of(swapped, e.ints(starts), e.ints(ends), e.ints(axes), e.ints(steps)),
                Map.of());
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("dilations", geo.dilations());
        attrs.put("group", group);
        attrs.put("kernel_shape", geo.kernel());
        attrs.put("pads", geo.flippedPads());
        return e.node("Conv", List.of(g, flipped), attrs);
    }

    /** BatchNormalization (inference): {@code g · scale / sqrt(var + ε)} per channel. */
    public record BatchNormalization() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            for (int i = 1; i < Math.min(5, node.getInputCount()); i++) {
                if (e.needsGradient(node.getInput(i))) {
                    throw weightGradient(node);
                }
            }
            if (Attributes.integer(node, "training_mode", 0) != 0) {
                throw new NeuroLensException("BatchNormalization node '" + node.getName() + "' is in training mode;"
                        + " export the model in eval mode");
            }
            String x = node.getInput(0);
            int rank = e.shape(x).length;
            float eps = Attributes.real(node, "epsilon", 1e-5f);
            String denom = e.node("Sqrt", List.of(e.node("Add", List.of(node.getInput(4), e.scalar(eps)), Map.of())),
                    Map.of());
            String factor = e.node("Div", List.of(node.getInput(1), denom), Map.of());
            long[] shape = new long[rank];
            Arrays.fill(shape, 1);
            shape[1] = -1;
            String perChannel = e.node("Reshape", List.of(factor, e.ints(shape)), Map.of());
            String gx = e.node("Mul", List.of(g.get(0), perChannel), Map.of());
            return Arrays.asList(gx, null, null, null, null);
        }
    }
}
