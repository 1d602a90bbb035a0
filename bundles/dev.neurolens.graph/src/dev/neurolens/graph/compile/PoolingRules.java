package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Backward rules of pooling and mean reductions. */
public final class PoolingRules {
    private PoolingRules() {
    }

    /**
     * MaxPool: each output's gradient goes to the input element that won its window (winner takes
     * all; with overlapping windows an element may win several). The winners come from MaxPool's
     * {@code Indices} output (flat indices into the whole input tensor); the gradient is scattered
     * with {@code ScatterElements(reduction=add)} into zeros of the input's size (BUILD-NOTES,
     * checked exact against torch).
     */
    public record MaxPool() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getInput(0);
            String indices;
            if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
                indices = node.getOutput(1);
            } else {
                Map<String, Object> attrs = new HashMap<>();
                for (String a : List.of("kernel_shape", "strides", "pads", "dilations")) {
                    long[] v = Attributes.ints(node, a, null);
                    if (v != null) {
                        attrs.put(a, v);
                    }
                }
                attrs.put("ceil_mode", Attributes.integer(node, "ceil_mode", 0));
                String autoPad = Attributes.text(node, "auto_pad", "NOTSET");
                if (!autoPad.equals("NOTSET")) {
                    attrs.put("auto_pad", autoPad);
                }
                indices = e.node("MaxPool", List.of(x), 2, attrs).get(1);
            }
            String shape = e.node("Shape", List.of(x), Map.of());
            String count = e.node("ReduceProd", List.of(shape), Map.of("keepdims", 1L));
            String zeros = e.node("ConstantOfShape", List.of(count), Map.of());
            String flat = e.ints(-1);
            String scattered = e.node("ScatterElements", List.of(zeros, e.node("Reshape", List.of(indices, flat), Map.of()),
                    e.node("Reshape", List.of(g.get(0), flat), Map.of())), Map.of("axis", 0L, "reduction", "add"));
            return Arrays.asList(e.node("Reshape", List.of(scattered, shape), Map.of()));
        }
    }

    /**
     * AveragePool (any number of spatial axes): each output's gradient is spread evenly over its
     * window, divided by the element count the forward pass divided by. Emitted as a depthwise
     * ConvTranspose with a kernel of ones on {@code g / count}, with the counts precomputed from
     * the static geometry. With count_include_pad, ONNX Runtime divides by the whole kernel even
     * where a ceil_mode window runs past the end pad (checked against it), so we do the same.
     */
    public record AveragePool() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getInput(0);
            long[] xs = e.shape(x);
            ConvGeometry geo = ConvGeometry.pooling(node, xs);
            int n = geo.out().length;
            boolean includePad = Attributes.integer(node, "count_include_pad", 0) != 0;
            long[] countShape = new long[n + 2];
            long[] foldedShape = new long[n + 2];
            long[] kernelShape = new long[n + 2];
            countShape[0] = countShape[1] = 1;
            foldedShape[0] = -1;
            foldedShape[1] = 1;
            kernelShape[0] = kernelShape[1] = 1;
            int kernelSize = 1;
            for (int i = 0; i < n; i++) {
                countShape[i + 2] = geo.out()[i];
                foldedShape[i + 2] = geo.out()[i];
                kernelShape[i + 2] = geo.kernel()[i];
                kernelSize *= (int) geo.kernel()[i];
            }
            String scaled = e.node("Mul", List.of(g.get(0), e.floats(inverseCounts(geo, includePad), countShape)),
                    Map.of());
            // [N, C, spatial...] -> [N*C, 1, spatial...]: one depthwise transpose for every channel
            String folded = e.node("Reshape", List.of(scaled, e.ints(foldedShape)), Map.of());
            float[] ones = new float[kernelSize];
            Arrays.fill(ones, 1f);
            Map<String, Object> attrs = new HashMap<>();
            attrs.put("strides", geo.strides());
            attrs.put("kernel_shape", geo.kernel());
            long[][] crop = geo.transposePadsAndOutputPadding();
            attrs.put("pads", crop[0]);
            attrs.put("output_padding", crop[1]);
            String spread = e.node("ConvTranspose", List.of(folded, e.floats(ones, kernelShape)), attrs);
            return Arrays.asList(e.node("Reshape", List.of(spread, e.node("Shape", List.of(x), Map.of())), Map.of()));
        }

        /** 1 / (elements each output window averaged), row-major over the output's spatial axes. */
        private static float[] inverseCounts(ConvGeometry geo, boolean includePad) {
            int n = geo.out().length;
            int total = 1;
            for (long o : geo.out()) {
                total *= (int) o;
            }
            float[] inv = new float[total];
            long[] idx = new long[n];
            for (int k = 0; k < total; k++) {
                long rem = k;
                for (int a = n - 1; a >= 0; a--) {
                    idx[a] = rem % geo.out()[a];
                    rem /= geo.out()[a];
                }
                long count = 1;
                for (int a = 0; a < n; a++) {
                    count *= span(idx[a], a, geo, includePad);
                }
                inv[k] = 1f / count;
            }
            return inv;
        }

        private static long span(long o, int axis, ConvGeometry geo, boolean includePad) {
            if (includePad) {
                return geo.kernel()[axis];
            }
            long start = o * geo.strides()[axis] - geo.padBegin()[axis];
            long end = start + geo.kernel()[axis];
            return Math.max(1, Math.min(end, geo.in()[axis]) - Math.max(start, 0));
        }
    }

    /** GlobalAveragePool: {@code g / (H·W)} broadcast back over the spatial axes. */
    public record GlobalAveragePool() implements BackwardRule {
        /** Largest spatial size spread by a constant (above it, Mul by a scalar and Expand). */
        private static final long MAX_SPREAD = 1 << 16;

        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getInput(0);
            long[] xs = e.shape(x);
            long n = 1;
            for (int i = 2; i < xs.length; i++) {
                n *= xs[i];
            }
            boolean spatialKnown = Arrays.stream(xs, 2, xs.length).allMatch(d -> d > 0);
            if (spatialKnown && n <= MAX_SPREAD) {
                // one broadcasting Mul by a [1, 1, H, W] constant of 1/(H·W): scales and spreads at
                // once (one node less than Mul + Expand, which counts at batch 1)
                long[] spread = new long[xs.length];
                Arrays.fill(spread, 1);
                System.arraycopy(xs, 2, spread, 2, xs.length - 2);
                float[] values = new float[(int) n];
                Arrays.fill(values, 1f / n);
                return Arrays.asList(e.node("Mul", List.of(g.get(0), e.floats(values, spread)), Map.of()));
            }
            String scaled = e.node("Mul", List.of(g.get(0), e.scalar(1f / n)), Map.of());
            return Arrays.asList(e.node("Expand", List.of(scaled, e.node("Shape", List.of(x), Map.of())), Map.of()));
        }
    }

    /** ReduceMean (axes as attribute before opset 18, as input after): the mean's gradient spread evenly. */
    public record ReduceMean() implements BackwardRule {
        @Override
        public List<String> backward(NodeProto node, List<String> g, Emitter e) {
            String x = node.getInput(0);
            long[] xs = e.shape(x);
            long[] axes = Attributes.ints(node, "axes", null);
            if (axes == null && node.getInputCount() > 1) {
                axes = e.constant(node.getInput(1)).map(LinearValues::longs).orElseThrow(() -> new NeuroLensException(
                        "ReduceMean node '" + node.getName() + "' has axes that are not constant"));
            }
            if (axes == null) {
                axes = new long[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    axes[i] = i;
                }
            }
            long n = 1;
            for (long a : axes) {
                long d = xs[(int) (a < 0 ? a + xs.length : a)];
                if (d < 0) {
                    throw new NeuroLensException("ReduceMean node '" + node.getName() + "' averages over the batch axis");
                }
                n *= d;
            }
            String grad = g.get(0);
            if (Attributes.integer(node, "keepdims", 1) == 0) {
                grad = e.node("Unsqueeze", List.of(grad, e.ints(axes)), Map.of());
            }
            String scaled = e.node("Mul", List.of(grad, e.scalar(1f / n)), Map.of());
            List<String> r = new java.util.ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
            r.set(0, e.node("Expand", List.of(scaled, e.node("Shape", List.of(x), Map.of())), Map.of()));
            return r;
        }
    }
}
