package dev.neurolens.featurevis;

import dev.neurolens.graph.build.TensorProtos;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objectives of a batch as ONNX nodes appended to the forward model, so that one compiled
 * graph computes the objective of every image ({@code [N,1]}) and, seeded with ones, its gradient
 * with respect to the input — forward and backward in one engine call, also for objectives that
 * are not linear in the activations (DeepDream). Per tensor and kind, the weights of the images
 * form a matrix {@code W [N,D]} ({@code [1,D]} when all images share it):
 *
 * <pre>
 * f = Flatten(a)                      [N,D]
 * linear:  MatMul(Mul(f, W), 1_D)      [N,1]      Σ_i W[n,i]·a[n,i]
 * square:  MatMul(Mul(Mul(f,f), W), 1_D)           Σ_i W[n,i]·a[n,i]²
 * objective = Sum of the terms         [N,1]
 * </pre>
 *
 * Only ops with standard backward rules are used (Flatten, Mul, MatMul, Sum).
 *
 * @param model the forward model with the head (its graph outputs unchanged)
 * @param shapes the static shapes of the model's and the head's tensors ({@code -1} for the batch)
 * @param output the name of the objective tensor {@code [N,1]}
 */
public record ObjectiveHead(ModelProto model, Map<String, long[]> shapes, String output) {
    /** Prefix of the head's tensor and node names. */
    public static final String PREFIX = "neurolens/featurevis/";

    /** Copies the shapes. */
    public ObjectiveHead {
        shapes = Map.copyOf(shapes);
    }

    /**
     * Appends the objectives of {@code perImage} (one per image of the batch) to {@code model}.
     *
     * @param shapes static shapes of the model's tensors
     */
    public static ObjectiveHead build(ModelProto model, Map<String, long[]> shapes, List<Objective> perImage) {
        int batch = perImage.size();
        // weights per (tensor, kind), one row per image
        Map<String, float[][]> rows = new LinkedHashMap<>();
        for (int n = 0; n < batch; n++) {
            for (Objective.Term t : perImage.get(n).terms()) {
                float[][] m = rows.computeIfAbsent(t.tensor() + "\u0000" + t.kind(), k -> new float[batch][]);
                float[] w = t.weights();
                if (m[n] == null) {
                    m[n] = w;
                } else {
                    for (int i = 0; i < w.length; i++) {
                        m[n][i] += w[i];
                    }
                }
            }
        }
        GraphProto.Builder g = model.getGraph().toBuilder();
        Map<String, long[]> s = new HashMap<>(shapes);
        Map<String, String> flat = new HashMap<>();
        Map<String, String> squared = new HashMap<>();
        List<String> parts = new ArrayList<>();
        int id = 0;
        for (var e : rows.entrySet()) {
            String tensor = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            Objective.Kind kind = Objective.Kind.valueOf(e.getKey().substring(e.getKey().indexOf('\u0000') + 1));
            float[][] m = e.getValue();
            int d = firstLength(m);
            String f = flat.computeIfAbsent(tensor, t -> {
                String out = PREFIX + "flat" + flat.size() ;
                g.addNode(node("Flatten", List.of(t), out).addAttribute(AttributeProto.newBuilder().setName("axis")
                        .setType(AttributeProto.AttributeType.INT).setI(1)));
                s.put(out, new long[] {-1, d});
                return out;
            });
            String values = f;
            if (kind == Objective.Kind.SQUARE) {
                values = squared.computeIfAbsent(f, x -> {
                    String out = x + "/square";
                    g.addNode(node("Mul", List.of(x, x), out));
                    s.put(out, new long[] {-1, d});
                    return out;
                });
            }
            String weights = PREFIX + "weights" + id;
            float[] w = weightMatrix(m, d);
            long rowsOfW = w.length / d;
            g.addInitializer(TensorProtos.floats(weights, w, rowsOfW, d));
            s.put(weights, new long[] {rowsOfW, d});
            String weighted = PREFIX + "weighted" + id;
            g.addNode(node("Mul", List.of(values, weights), weighted));
            s.put(weighted, new long[] {-1, d});
            String ones = PREFIX + "ones" + id;
            float[] one = new float[d];
            Arrays.fill(one, 1f);
            g.addInitializer(TensorProtos.floats(ones, one, d, 1));
            s.put(ones, new long[] {d, 1});
            String part = PREFIX + "term" + id;
            g.addNode(node("MatMul", List.of(weighted, ones), part));
            s.put(part, new long[] {-1, 1});
            parts.add(part);
            id++;
        }
        String output = PREFIX + "objective";
        g.addNode(node(parts.size() == 1 ? "Identity" : "Sum", parts, output));
        s.put(output, new long[] {-1, 1});
        return new ObjectiveHead(model.toBuilder().setGraph(g).build(), s, output);
    }

    /** The rows as {@code [N,D]}, or {@code [1,D]} when every image has the same weights (missing rows are 0). */
    private static float[] weightMatrix(float[][] m, int d) {
        boolean same = true;
        for (float[] r : m) {
            same &= r != null && Arrays.equals(r, m[0]);
        }
        if (same) {
            return m[0];
        }
        float[] w = new float[m.length * d];
        for (int n = 0; n < m.length; n++) {
            if (m[n] != null) {
                System.arraycopy(m[n], 0, w, n * d, d);
            }
        }
        return w;
    }

    private static int firstLength(float[][] m) {
        for (float[] r : m) {
            if (r != null) {
                return r.length;
            }
        }
        throw new IllegalStateException("no weights");
    }

    private static NodeProto.Builder node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
    }
}
