package dev.neurolens.lrp.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.compile.LinearRules;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.lrp.LinearLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Conv, Gemm or MatMul node as an {@link LinearLayer}, during one emission: its modified
 * forward pass is the same op with other inputs; its transpose is the standard backward rule of
 * the op ({@link LinearRules}) on a copy of the node with other weights.
 */
final class LinearNode implements LinearLayer {
    private final NodeProto node;
    private final LinearRule info;
    private final Emitter e;
    private String weight;
    private Optional<String> bias;

    LinearNode(NodeProto node, LinearRule info, Emitter e) {
        this.node = node;
        this.info = info;
        this.e = e;
    }

    @Override
    public String node() {
        return node.getName();
    }

    @Override
    public String input() {
        return node.getInput(0);
    }

    @Override
    public String output() {
        return info.fold() == null ? node.getOutput(0) : info.fold().output();
    }

    @Override
    public boolean nonNegativeInput() {
        return info.nonNegativeInput();
    }

    private String originalBias() {
        return node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? node.getInput(2) : null;
    }

    @Override
    public String weight() {
        if (weight == null) {
            weight = info.fold() == null ? node.getInput(1) : e.node("Mul", List.of(node.getInput(1), perChannel(
                    foldScale())), Map.of());
        }
        return weight;
    }

    @Override
    public Optional<String> bias() {
        if (bias == null) {
            BatchNormFold f = info.fold();
            if (f == null) {
                bias = Optional.ofNullable(originalBias());
            } else {
                // BN(β_g·b + rest) = a·rest + (a·β_g·b + c), c = shift − mean·a; the layer multiplies its
                // bias input by β_g (Gemm's beta, 1 for Conv), so that input is a·b + c / β_g
                String a = foldScale();
                String c = e.node("Sub", List.of(f.bias(), e.node("Mul", List.of(f.mean(), a), Map.of())), Map.of());
                float beta = node.getOpType().equals("Gemm") ? NodeAttributes.real(node, "beta", 1f) : 1f;
                String shift = beta == 1f ? c : e.node("Div", List.of(c, e.scalar(beta)), Map.of());
                bias = Optional.of(originalBias() == null ? shift
                        : e.node("Add", List.of(e.node("Mul", List.of(originalBias(), a), Map.of()), shift), Map.of()));
            }
        }
        return bias;
    }

    /** {@code scale / sqrt(var + ε)} of the merged BatchNormalization. */
    private String foldScale() {
        BatchNormFold f = info.fold();
        String sd = e.node("Sqrt", List.of(e.node("Add", List.of(f.variance(), e.scalar(f.epsilon())), Map.of())),
                Map.of());
        return e.node("Div", List.of(f.scale(), sd), Map.of());
    }

    /** A per-output-channel vector shaped to broadcast over the weight. */
    private String perChannel(String v) {
        int rank = e.shape(node.getInput(1)).length;
        if (node.getOpType().equals("Conv")) {
            long[] shape = new long[rank];
            Arrays.fill(shape, 1);
            shape[0] = -1;
            return e.node("Reshape", List.of(v, e.ints(shape)), Map.of());
        }
        boolean outputsFirst = node.getOpType().equals("Gemm") && NodeAttributes.integer(node, "transB", 0) == 1;
        return outputsFirst ? e.node("Reshape", List.of(v, e.ints(-1, 1)), Map.of()) : v;
    }

    @Override
    public String forward(String x, String w, String b) {
        switch (node.getOpType()) {
            case "Conv", "Gemm" -> {
                List<String> inputs = new ArrayList<>(List.of(x, w));
                if (b != null) {
                    inputs.add(b);
                }
                return e.node(node.getOpType(), inputs, NodeAttributes.all(node));
            }
            case "MatMul" -> {
                String y = e.node("MatMul", List.of(x, w), Map.of());
                return b == null ? y : e.node("Add", List.of(y, b), Map.of());
            }
            default -> throw new IllegalStateException(node.getOpType());
        }
    }

    @Override
    public String backward(String s, String w) {
        NodeProto modified = node.toBuilder().clearInput().addInput(node.getInput(0)).addInput(w).build();
        Emitter aliased = new AliasEmitter(e, w, node.getInput(1));
        var rule = switch (node.getOpType()) {
            case "Conv" -> new LinearRules.Conv();
            case "Gemm" -> new LinearRules.Gemm();
            case "MatMul" -> new LinearRules.MatMul();
            default -> throw new IllegalStateException(node.getOpType());
        };
        return rule.backward(modified, List.of(s), aliased).get(0);
    }

    @Override
    public String inputConstant(float[] values) {
        long[] shape = e.shape(input());
        shape[0] = 1;
        int channels = (int) shape[1];
        if (values.length != 1 && values.length != channels) {
            throw new NeuroLensException("node '" + node() + "' has " + channels + " input channels, but "
                    + values.length + " per-channel values were given");
        }
        int n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new NeuroLensException("the input of node '" + node() + "' has a batch-dependent shape "
                        + Arrays.toString(e.shape(input())));
            }
            n *= (int) d;
        }
        int inner = n / channels;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = values.length == 1 ? values[0] : values[(i / inner) % channels];
        }
        return e.floats(v, shape);
    }

    @Override
    public String biasConstant(float value) {
        long[] w = e.shape(node.getInput(1));
        long channels = switch (node.getOpType()) {
            case "Conv" -> w[0];
            case "Gemm" -> NodeAttributes.integer(node, "transB", 0) == 1 ? w[0] : w[1];
            default -> w[w.length - 1];
        };
        float[] v = new float[(int) channels];
        Arrays.fill(v, value);
        return e.floats(v, channels);
    }

    @Override
    public String weightConstant(float value) {
        long[] shape = e.shape(node.getInput(1));
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        Arrays.fill(v, value);
        return e.floats(v, shape);
    }

    @Override
    public Optional<float[][]> bounds() {
        return Optional.ofNullable(info.bounds()).map(Bounds::arrays);
    }
}
