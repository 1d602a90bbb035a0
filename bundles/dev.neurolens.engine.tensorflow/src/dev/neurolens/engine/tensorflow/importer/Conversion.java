package dev.neurolens.engine.tensorflow.importer;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.NodeBuilder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;

/**
 * The state of one SavedModel-to-ONNX conversion, shared by the op converters: the ONNX graph
 * being built, the ONNX tensor of every TensorFlow tensor converted so far, constants, unique
 * names and layout changes (each transposed once).
 */
final class Conversion {
    final GraphFacts facts;
    final ModelBuilder model;
    private final Map<String, Val> values = new HashMap<>();
    private final Map<String, Val> nhwc = new HashMap<>();
    private final Map<String, Val> nchw = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();
    private final Set<String> fused = new HashSet<>();
    private final Map<String, TfTensorRef> origins = new HashMap<>();
    private final Map<String, java.util.List<NodeDef>> consumers = new HashMap<>();

    Conversion(GraphFacts facts, ModelBuilder model) {
        this.facts = facts;
        this.model = model;
        for (NodeDef n : facts.nodes()) {
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(GraphFacts.canonical(in), k -> new java.util.ArrayList<>()).add(n);
            }
        }
    }

    /** The nodes reading output 0 of {@code n}. */
    java.util.List<NodeDef> consumers(NodeDef n) {
        return consumers.getOrDefault(n.getName(), java.util.List.of());
    }

    /** Marks a node as converted together with an earlier one (a fused pattern). */
    void fuse(NodeDef n) {
        fused.add(n.getName());
    }

    /** Whether a node was converted as part of a pattern already. */
    boolean isFused(NodeDef n) {
        return fused.contains(n.getName());
    }

    // ------------------------------------------------------------------ inputs of a node

    /** Whether input {@code i} of {@code n} has a known value (a constant). */
    boolean isConst(NodeDef n, int i) {
        ConstValue c = facts.value(n.getInput(i));
        return c != null && c.batch() == null;
    }

    /** The ONNX tensor of input {@code i} of {@code n}, which depends on the model input. */
    Val val(NodeDef n, int i) {
        Val v = values.get(GraphFacts.canonical(n.getInput(i)));
        if (v == null) {
            if (facts.value(n.getInput(i)) != null) {
                return constVal(n, i);
            }
            throw unsupported(n, "its input " + n.getInput(i) + " was not converted");
        }
        return v;
    }

    /** A constant input as an ONNX initializer (float), in the logical layout. */
    Val constVal(NodeDef n, int i) {
        ConstValue c = constant(n, i);
        return new Val(floats(n.getInput(i), c.floats(), c.shape()), c.shape(), false);
    }

    /** The value of input {@code i} of {@code n}, which must be constant. */
    ConstValue constant(NodeDef n, int i) {
        ConstValue c = facts.value(n.getInput(i));
        if (c == null) {
            throw unsupported(n, "its input " + i + " (" + n.getInput(i) + ") is not a constant");
        }
        return c;
    }

    /** The static shape of output {@code 0} of {@code n}. */
    long[] outShape(NodeDef n) {
        long[] s = facts.shape(n.getName());
        if (s == null) {
            throw unsupported(n, "TensorFlow does not know the rank of its output");
        }
        return s;
    }

    // ------------------------------------------------------------------ outputs

    /** Records the ONNX tensor {@code onnx} as output 0 of {@code n}. */
    void define(NodeDef n, String onnx, boolean isNchw) {
        values.put(n.getName(), new Val(onnx, outShape(n), isNchw));
        origins.putIfAbsent(onnx, new TfTensorRef(n.getName(), isNchw));
    }

    /** Records that ONNX tensor {@code onnx} holds TensorFlow tensor {@code tf} (in the given layout). */
    void origin(String onnx, String tf, boolean isNchw) {
        origins.putIfAbsent(onnx, new TfTensorRef(tf, isNchw));
    }

    /** The TensorFlow tensor behind each ONNX tensor that stands for one. */
    Map<String, TfTensorRef> origins() {
        return Map.copyOf(origins);
    }

    /** Makes output 0 of {@code n} the same tensor as {@code v} (Identity and friends). */
    void alias(NodeDef n, Val v) {
        values.put(n.getName(), v);
    }

    /** The converted tensor of a TensorFlow tensor, if any. */
    Val converted(String tensor) {
        return values.get(GraphFacts.canonical(tensor));
    }

    /** Records a converted tensor (graph inputs). */
    void put(String tensor, Val v) {
        values.put(GraphFacts.canonical(tensor), v);
    }

    /** Adds an ONNX node named after {@code n} with one output named after {@code n}'s output. */
    NodeBuilder node(String op, NodeDef n, String... inputs) {
        return model.node(op).name(uniqueNode(n.getName())).inputs(inputs).outputs(unique(n.getName() + ":0"));
    }

    /** Adds a helper ONNX node (layout change, decomposition) derived from {@code base}. */
    NodeBuilder helper(String op, String base, String... inputs) {
        return model.node(op).name(uniqueNode(base)).inputs(inputs).outputs(unique(base));
    }

    // ------------------------------------------------------------------ layout

    /** {@code v} in its logical layout. */
    Val asIs(Val v) {
        if (!v.nchw()) {
            return v;
        }
        return nhwc.computeIfAbsent(v.name(), k -> new Val(helper("Transpose", k + "/nhwc", k)
                .ints("perm", Layout.TO_NHWC).output(), v.shape(), false));
    }

    /** A 4-D NHWC {@code v} held as NCHW. */
    Val asNchw(Val v) {
        if (v.nchw()) {
            return v;
        }
        if (v.rank() != 4) {
            throw new NeuroLensException("internal: " + v.name() + " is not 4-D");
        }
        return nchw.computeIfAbsent(v.name(), k -> new Val(helper("Transpose", k + "/nchw", k)
                .ints("perm", Layout.TO_NCHW).output(), v.shape(), true));
    }

    // ------------------------------------------------------------------ constants

    String floats(String base, float[] values, long... shape) {
        String name = unique(base);
        model.initializer(name, values, shape);
        return name;
    }

    String longs(String base, long... values) {
        String name = unique(base);
        model.int64Vector(name, values);
        return name;
    }

    /** A unique ONNX node name starting with {@code base} (node and tensor names are separate in ONNX). */
    String uniqueNode(String base) {
        String name = base;
        for (int k = 1; !nodeNames.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    /** A unique ONNX tensor name starting with {@code base}. */
    String unique(String base) {
        String name = base;
        for (int k = 1; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    // ------------------------------------------------------------------ attributes

    static String str(NodeDef n, String key, String fallback) {
        AttrValue a = n.getAttrMap().get(key);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    static long[] ints(NodeDef n, String key) {
        AttrValue a = n.getAttrMap().get(key);
        return a == null ? new long[0] : a.getList().getIList().stream().mapToLong(Long::longValue).toArray();
    }

    static long integer(NodeDef n, String key, long fallback) {
        AttrValue a = n.getAttrMap().get(key);
        return a == null ? fallback : a.getI();
    }

    static float real(NodeDef n, String key, float fallback) {
        AttrValue a = n.getAttrMap().get(key);
        return a == null ? fallback : a.getF();
    }

    static boolean bool(NodeDef n, String key, boolean fallback) {
        AttrValue a = n.getAttrMap().get(key);
        return a == null ? fallback : a.getB();
    }

    /** The one-line error for a node the importer cannot convert. */
    static NeuroLensException unsupported(NodeDef n, String why) {
        return new NeuroLensException("TensorFlow op " + n.getOp() + " (node " + n.getName() + ") cannot be imported: "
                + why);
    }
}
