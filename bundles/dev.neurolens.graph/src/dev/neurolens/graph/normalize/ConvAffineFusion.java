package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code Conv -> Mul(per-channel constant) -> Add(per-channel constant)} is what some exporters
 * leave of a folded BatchNormalization (and {@code Conv -> Add} of a separate bias): it becomes one
 * Conv with weights {@code W[m] * s[m]} and bias {@code b[m] * s[m] + a[m]}, named after the Conv,
 * producing the last node's output. Either of Mul and Add may be missing. A per-channel constant
 * broadcasts over the output channels {@code M} only: shape {@code [1, M, 1, ...]} or
 * {@code [M, 1, ...]} (as many 1s as spatial axes), or a single value.
 */
final class ConvAffineFusion implements Fusion {

    @Override
    public Optional<String> apply(GraphEdit graph, int index, Context context) {
        NodeProto conv = graph.nodes().get(index);
        if (!conv.getOpType().equals("Conv") || !GraphEdit.isDefaultDomain(conv) || conv.getInputCount() < 2) {
            return Optional.empty();
        }
        Optional<TensorProto> w = graph.constant(conv.getInput(1))
                .filter(t -> t.getDimsCount() >= 3 && t.getDataType() == TensorProto.DataType.FLOAT_VALUE);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        int channels = (int) w.get().getDims(0);
        int spatial = w.get().getDimsCount() - 2;
        List<NodeProto> fused = new ArrayList<>();
        float[] scale = null;
        float[] shift = null;
        String out = conv.getOutput(0);
        Optional<NodeProto> next = context.onlyReader(graph, out);
        if (next.isPresent() && isBinary(next.get(), "Mul")) {
            scale = perChannel(graph, other(next.get(), out), channels, spatial).orElse(null);
            if (scale != null) {
                fused.add(next.get());
                out = next.get().getOutput(0);
                next = context.onlyReader(graph, out);
            }
        }
        if (next.isPresent() && isBinary(next.get(), "Add")) {
            shift = perChannel(graph, other(next.get(), out), channels, spatial).orElse(null);
            if (shift != null) {
                fused.add(next.get());
                out = next.get().getOutput(0);
            }
        }
        if (fused.isEmpty()) {
            return Optional.empty();
        }
        // only now read the weights: most Convs are no such pattern, and decoding costs
        Optional<float[]> weights = Tensors.floats(w.get());
        String biasName = conv.getInputCount() > 2 ? conv.getInput(2) : "";
        Optional<float[]> bias = biasName.isEmpty() ? Optional.of(new float[0])
                : graph.constant(biasName).flatMap(Tensors::floats);
        if (weights.isEmpty() || bias.isEmpty() || bias.get().length != 0 && bias.get().length != channels) {
            return Optional.empty();
        }
        float[] newWeights = weights.get();
        float[] newBias = new float[channels];
        int perChannel = newWeights.length / channels;
        for (int m = 0; m < channels; m++) {
            float s = scale == null ? 1f : scale[m];
            for (int k = 0; k < perChannel; k++) {
                newWeights[m * perChannel + k] *= s;
            }
            float b = bias.get().length == 0 ? 0f : bias.get()[m];
            newBias[m] = (scale == null ? b : b * s) + (shift == null ? 0f : shift[m]);
        }
        String wName = graph.addConstant(conv.getInput(1) + "_fused", Tensors.floats("", newWeights, Tensors.dims(w.get())));
        String bName = graph.addConstant((biasName.isEmpty() ? conv.getName() + "/bias" : biasName) + "_fused",
                Tensors.floats("", newBias, channels));
        NodeProto.Builder b = conv.toBuilder().clearInput().addInput(conv.getInput(0)).addInput(wName).addInput(bName)
                .clearOutput().addOutput(out);
        int last = graph.nodes().indexOf(fused.get(fused.size() - 1));
        graph.nodes().set(last, b.build());
        StringBuilder what = new StringBuilder("Conv '" + conv.getName() + "'");
        for (int k = 0; k < fused.size(); k++) {
            NodeProto f = fused.get(k);
            graph.release(other(f, k == 0 ? conv.getOutput(0) : fused.get(k - 1).getOutput(0)));
            what.append(" + ").append(f.getOpType()).append(" '").append(f.getName()).append("'");
            if (k < fused.size() - 1) {
                graph.nodes().remove(f);
            }
        }
        graph.nodes().remove(index);
        graph.release(conv.getInput(1));
        graph.release(biasName);
        graph.edited();
        return Optional.of(what + " -> Conv '" + conv.getName() + "' (per-channel "
                + (scale != null && shift != null ? "scale and shift" : scale != null ? "scale" : "shift")
                + " folded into the weights and bias)");
    }

    private static boolean isBinary(NodeProto n, String op) {
        return n.getOpType().equals(op) && GraphEdit.isDefaultDomain(n) && n.getInputCount() == 2;
    }

    /** The operand of a binary node that is not {@code tensor} (or {@code tensor} if both are). */
    private static String other(NodeProto n, String tensor) {
        return n.getInput(0).equals(tensor) ? n.getInput(1) : n.getInput(0);
    }

    /** The per-output-channel values of a constant that broadcasts over the channel axis only. */
    static Optional<float[]> perChannel(GraphEdit graph, String name, int channels, int spatial) {
        Optional<TensorProto> t = graph.constant(name);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        long[] d = Tensors.dims(t.get());
        if (Tensors.count(t.get()) == 1 && d.length <= spatial + 2) {
            return Tensors.floats(t.get()).map(v -> {
                float[] filled = new float[channels];
                java.util.Arrays.fill(filled, v[0]);
                return filled;
            });
        }
        int channelAxis;
        if (d.length == spatial + 2 && d[0] == 1) {
            channelAxis = 1;
        } else if (d.length == spatial + 1) {
            channelAxis = 0;
        } else {
            return Optional.empty();
        }
        for (int i = 0; i < d.length; i++) {
            if (d[i] != (i == channelAxis ? channels : 1)) {
                return Optional.empty();
            }
        }
        return Tensors.floats(t.get());
    }
}
