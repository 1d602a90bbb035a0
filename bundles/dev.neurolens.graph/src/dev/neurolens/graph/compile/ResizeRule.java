package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Resize of the two spatial axes of an NCHW tensor in {@code nearest} or {@code linear} mode.
 * Both are separable linear maps, {@code Y = A_h · X · A_wᵀ} per image and channel, with
 * interpolation matrices built here exactly as the ONNX Resize spec maps output to input
 * coordinates; so the gradient is {@code A_hᵀ · g · A_w}, two MatMuls with constant matrices.
 */
public record ResizeRule() implements BackwardRule {

    @Override
    public List<String> backward(NodeProto node, List<String> g, Emitter e) {
        String x = node.getInput(0);
        long[] in = e.shape(x);
        long[] out = e.shape(node.getOutput(0));
        if (in.length != 4 || in[0] != out[0] && in[0] >= 0 || in[1] != out[1]) {
            throw new NeuroLensException("Resize node '" + node.getName() + "': only resizing the two spatial axes of "
                    + "an NCHW tensor has a backward rule");
        }
        String mode = Attributes.text(node, "mode", "nearest");
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw new NeuroLensException("Resize node '" + node.getName() + "' uses mode '" + mode
                    + "'; only nearest and linear have a backward rule");
        }
        float[] scales = scales(node, e, in, out);
        String transform = Attributes.text(node, "coordinate_transformation_mode", "half_pixel");
        String nearest = Attributes.text(node, "nearest_mode", "round_prefer_floor");
        float[] ah = matrix((int) in[2], (int) out[2], scales[2], mode, transform, nearest);
        float[] aw = matrix((int) in[3], (int) out[3], scales[3], mode, transform, nearest);
        // dX = A_hᵀ · g · A_w : [Hin, Hout] x [N, C, Hout, Wout] x [Wout, Win]
        String ahT = e.floats(transpose(ah, (int) out[2], (int) in[2]), in[2], out[2]);
        String awM = e.floats(aw, out[3], in[3]);
        String rows = e.node("MatMul", List.of(ahT, g.get(0)), Map.of());
        List<String> r = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
        r.set(0, e.node("MatMul", List.of(rows, awM), Map.of()));
        return r;
    }

    private static float[] scales(NodeProto node, Emitter e, long[] in, long[] out) {
        float[] s = new float[4];
        for (int i = 0; i < 4; i++) {
            s[i] = (float) out[i] / in[i];
        }
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            TensorProto t = e.constant(node.getInput(2)).orElse(null);
            if (t != null && t.getDimsCount() == 1 && t.getDims(0) == 4) {
                float[] given = floats(t);
                if (given.length == 4) {
                    s = given;
                }
            }
        }
        return s;
    }

    private static float[] floats(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            var b = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            return v;
        }
        float[] v = new float[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }

    /** The [outSize, inSize] interpolation matrix of one axis (row-major). */
    static float[] matrix(int inSize, int outSize, float scale, String mode, String transform, String nearestMode) {
        float[] m = new float[outSize * inSize];
        for (int o = 0; o < outSize; o++) {
            double c = original(o, inSize, outSize, scale, transform);
            if (mode.equals("nearest")) {
                int i = (int) Math.max(0, Math.min(inSize - 1, round(c, nearestMode)));
                m[o * inSize + i] = 1f;
            } else {
                double cc = Math.max(0, Math.min(inSize - 1, c));
                int i0 = (int) Math.floor(cc);
                int i1 = Math.min(inSize - 1, i0 + 1);
                double w1 = cc - i0;
                m[o * inSize + i0] += (float) (1 - w1);
                m[o * inSize + i1] += (float) w1;
            }
        }
        return m;
    }

    /** The ONNX Resize spec's coordinate_transformation_mode. */
    private static double original(int o, int inSize, int outSize, float scale, String transform) {
        return switch (transform) {
            case "half_pixel" -> (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel" -> outSize > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "align_corners" -> outSize == 1 ? 0 : o * (inSize - 1.0) / (outSize - 1.0);
            case "asymmetric" -> o / (double) scale;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / scale;
            default -> throw new NeuroLensException("Resize coordinate_transformation_mode '" + transform
                    + "' has no backward rule");
        };
    }

    private static double round(double c, String mode) {
        return switch (mode) {
            case "round_prefer_ceil" -> Math.floor(c + 0.5);
            case "floor" -> Math.floor(c);
            case "ceil" -> Math.ceil(c);
            default -> Math.ceil(c - 0.5); // round_prefer_floor
        };
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
