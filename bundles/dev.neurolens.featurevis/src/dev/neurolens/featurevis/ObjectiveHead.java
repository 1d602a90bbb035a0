package dev.neurolens.featurevis;

import dev.neurolens.graph.build.TensorProtos;
import dev.neurolens.graph.compile.BackwardRule;
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
 * With a diversity term (Lucid's {@code diversity}), every image {@code i} also gets
 * {@code −λ/N · Σ_{j≠i} cos(G_i, G_j)} for the Gram matrices {@code G_n = A_n A_nᵀ} of a layer's
 * activations {@code A_n [C, HW]}: reshaped, multiplied, normalized (a {@code Sqrt} with its own
 * rule, {@link #rules}) and compared pairwise with MatMul.
 *
 * Only ops with standard backward rules are used (Flatten, Reshape, Transpose, Mul, Div, Add,
 * MatMul, Sum), plus that Sqrt.
 *
 * @param model the forward model with the head (its graph outputs unchanged)
 * @param shapes the static shapes of the model's and the head's tensors ({@code -1} for the batch)
 * @param output the name of the objective tensor {@code [N,1]}
 * @param rules backward rules of the head's nodes that have no standard rule, by node name
 */
public record ObjectiveHead(ModelProto model, Map<String, long[]> shapes, String output,
        Map<String, BackwardRule> rules) {
    /** Prefix of the head's tensor and node names. */
    public static final String PREFIX = "neurolens/featurevis/";

    /** Copies the shapes. */
    public ObjectiveHead {
        shapes = Map.copyOf(shapes);
        rules = Map.copyOf(rules);
    }

    /**
     * A diversity term: images of the batch are pushed apart in the Gram-matrix (style) space of a
     * layer.
     *
     * @param tensor the layer's tensor {@code [N, C, ...]}
     * @param weight λ
     */
    public record Diversity(String tensor, float weight) {
    }

    /**
     * Appends the objectives of {@code perImage} (one per image of the batch) to {@code model}.
     *
     * @param shapes static shapes of the model's tensors
     */
    public static ObjectiveHead build(ModelProto model, Map<String, long[]> shapes, List<Objective> perImage) {
        return build(model, shapes, perImage, null);
    }

    /**
     * Appends the objectives of {@code perImage} and, if not null, a diversity term.
     *
     * @param shapes static shapes of the model's tensors
     */
    public static ObjectiveHead build(ModelProto model, Map<String, long[]> shapes, List<Objective> perImage,
            Diversity diversity) {
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
        Map<String, BackwardRule> rules = new HashMap<>();
        if (diversity != null && batch > 1) {
            parts.add(diversity(g, s, rules, diversity, batch));
        }
        String output = PREFIX + "objective";
        g.addNode(node(parts.size() == 1 ? "Identity" : "Sum", parts, output));
        s.put(output, new long[] {-1, 1});
        return new ObjectiveHead(model.toBuilder().setGraph(g).build(), s, output, rules);
    }

    /** {@code −λ/N · Σ_{j≠i} <Ĝ_i, Ĝ_j>} per row {@code i} ({@code [N,1]}), Ĝ the normalized Gram matrices. */
    private static String diversity(GraphProto.Builder g, Map<String, long[]> s, Map<String, BackwardRule> rules,
            Diversity d, int n) {
        long[] shape = s.get(d.tensor());
        if (shape == null || shape.length < 2) {
            throw new dev.neurolens.core.NeuroLensException("diversity needs a layer with a known shape [N, C, ...]; '"
                    + d.tensor() + "' has none");
        }
        long c = shape[1];
        long rest = 1;
        for (int i = 2; i < shape.length; i++) {
            rest *= shape[i];
        }
        String p = PREFIX + "diversity/";
        g.addInitializer(TensorProtos.int64Vector(p + "shape3", n, c, rest));
        g.addNode(node("Reshape", List.of(d.tensor(), p + "shape3"), p + "a"));
        s.put(p + "a", new long[] {-1, c, rest});
        g.addNode(node("Transpose", List.of(p + "a"), p + "at").addAttribute(ints("perm", 0, 2, 1)));
        s.put(p + "at", new long[] {-1, rest, c});
        g.addNode(node("MatMul", List.of(p + "a", p + "at"), p + "gram"));
        s.put(p + "gram", new long[] {-1, c, c});
        g.addInitializer(TensorProtos.int64Vector(p + "shape2", n, c * c));
        g.addNode(node("Reshape", List.of(p + "gram", p + "shape2"), p + "g"));
        s.put(p + "g", new long[] {-1, c * c});
        g.addNode(node("Mul", List.of(p + "g", p + "g"), p + "g2"));
        s.put(p + "g2", new long[] {-1, c * c});
        float[] ones = new float[(int) (c * c)];
        Arrays.fill(ones, 1f);
        g.addInitializer(TensorProtos.floats(p + "ones", ones, c * c, 1));
        s.put(p + "ones", new long[] {c * c, 1});
        g.addNode(node("MatMul", List.of(p + "g2", p + "ones"), p + "ss"));
        s.put(p + "ss", new long[] {-1, 1});
        g.addInitializer(TensorProtos.floats(p + "eps", new float[] {1e-10f}));
        s.put(p + "eps", new long[] {});
        g.addNode(node("Add", List.of(p + "ss", p + "eps"), p + "ss_eps"));
        s.put(p + "ss_eps", new long[] {-1, 1});
        g.addNode(node("Sqrt", List.of(p + "ss_eps"), p + "norm"));
        s.put(p + "norm", new long[] {-1, 1});
        rules.put(p + "norm", new SqrtRule());
        g.addNode(node("Div", List.of(p + "g", p + "norm"), p + "unit"));
        s.put(p + "unit", new long[] {-1, c * c});
        g.addNode(node("Transpose", List.of(p + "unit"), p + "unit_t").addAttribute(ints("perm", 1, 0)));
        s.put(p + "unit_t", new long[] {c * c, -1});
        g.addNode(node("MatMul", List.of(p + "unit", p + "unit_t"), p + "cos"));
        s.put(p + "cos", new long[] {-1, n});
        // Σ_j cos_ij − cos_ii, with cos_ii = 1: row sums of cos minus the identity
        float[] offDiagonal = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                offDiagonal[i * n + j] = i == j ? 0f : 1f;
            }
        }
        g.addInitializer(TensorProtos.floats(p + "off", offDiagonal, n, n));
        s.put(p + "off", new long[] {n, n});
        g.addNode(node("Mul", List.of(p + "cos", p + "off"), p + "pairs"));
        s.put(p + "pairs", new long[] {-1, n});
        float[] weights = new float[n];
        Arrays.fill(weights, -d.weight() / n);
        g.addInitializer(TensorProtos.floats(p + "weights", weights, n, 1));
        s.put(p + "weights", new long[] {n, 1});
        g.addNode(node("MatMul", List.of(p + "pairs", p + "weights"), p + "term"));
        s.put(p + "term", new long[] {-1, 1});
        return p + "term";
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
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
