package dev.neurolens.graph.compile;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.NodeNames;
import dev.neurolens.graph.TensorNames;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorShapeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TypeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles an {@link ExplanationPlan} on a forward model into one ONNX graph that computes the
 * forward pass and the backward pass (DESIGN.md, "explanations are graphs").
 *
 * <p>Reverse-mode differentiation over the graph: starting from the seed on the plan's output,
 * nodes are visited in reverse topological order; each node on a path from a tensor of
 * {@code gradientsOf} to the output hands the gradients of its outputs to its
 * {@link BackwardRule}, which emits ONNX nodes for the gradients of its inputs. Gradients of a
 * tensor with several consumers are summed. Nodes off that path (weights, shape arithmetic) are
 * left to the forward graph, which ONNX Runtime constant-folds.
 */
public final class ExplanationCompiler {
    /** The opset explanation graphs are emitted at (ScatterElements with reduction=add needs 16). */
    public static final long OPSET = 17;
    /** The oldest opset of models the compiler accepts without an upgrade. */
    public static final long MIN_MODEL_OPSET = 13;
    /** The name of the seed input. */
    public static final String SEED = "neurolens/seed";

    /** Ops whose standard rule multiplies the output's gradient element-wise with a mask. */
    private static final Set<String> ELEMENTWISE_BACKWARD = Set.of("Relu");

    private final Map<String, BackwardRule> rules;

    /** A compiler with the given backward rules by op type. */
    public ExplanationCompiler(Map<String, BackwardRule> rulesByOp) {
        this.rules = Map.copyOf(rulesByOp);
    }

    /** A compiler with the standard vector-Jacobian rules ({@link StandardRules}). */
    public static ExplanationCompiler standard() {
        return new ExplanationCompiler(StandardRules.all());
    }

    /** The op types with a standard rule, sorted. */
    public Set<String> supportedOps() {
        return new TreeSet<>(rules.keySet());
    }

    /**
     * Compiles {@code plan} on {@code model}.
     *
     * @param model the forward model (node names may be empty: they are filled in as
     *     {@link NodeNames} does)
     * @param shapes static shapes of the model's tensors ({@code -1} on the batch axis)
     * @throws NeuroLensException naming the op and node when a node on the backward path has no
     *     rule, or naming the tensor when a plan tensor does not exist
     */
    public CompiledGraph compile(ModelProto model, Map<String, long[]> shapes, ExplanationPlan plan) {
        long opset = defaultOpset(model);
        if (opset < MIN_MODEL_OPSET) {
            throw new NeuroLensException("the model uses ONNX opset " + opset + "; explanations need opset "
                    + MIN_MODEL_OPSET + " or newer for now: re-export it (e.g. torch.onnx.export(..., opset_version=17))");
        }
        GraphProto graph = withNodeNames(model.getGraph());
        TensorNames names = TensorNames.of(model);
        String output = resolve(names, plan.output(), "output");
        List<String> wrt = plan.gradientsOf().stream().map(t -> resolve(names, t, "gradient")).toList();
        List<String> taps = plan.taps().stream().map(t -> resolve(names, t, "tap")).toList();
        String input = imageInput(graph);

        Set<String> named = new HashSet<>(wrt);
        named.add(output);
        named.addAll(taps);
        graph = SubsamplingAsConv.rewrite(graph, opset, shapes, constants(graph), named, n -> ownRule(n, plan));
        Map<String, TensorProto> constants = constants(graph);
        Set<String> needsGradient = dependents(graph, new HashSet<>(wrt));
        Set<String> leadsToOutput = ancestors(graph, output);
        for (String w : wrt) {
            if (!leadsToOutput.contains(w)) {
                throw new NeuroLensException("'" + output + "' does not depend on '" + w + "': no gradient to compute");
            }
        }
        GraphEmitter emitter = new GraphEmitter(shapes, constants, needsGradient, OPSET);
        if (plan.seedFromPrediction()) {
            // one-hot of each row's maximum: Equal(y, ReduceMax(y, last axis)) as float
            String max = emitter.node("ReduceMax", List.of(output), Map.of("axes", new long[] {-1}, "keepdims", 1L));
            String hit = emitter.node("Equal", List.of(output, max), Map.of());
            emitter.named("Cast", List.of(hit), SEED, Map.of("to", (long) TensorProto.DataType.FLOAT_VALUE));
        }
        Map<String, List<String>> contributions = new HashMap<>();
        contributions.computeIfAbsent(output, k -> new ArrayList<>()).add(SEED);
        BlockedLayout layout = new BlockedLayout(shapes);
        layout.produced(graph.getNodeList());

        List<NodeProto> nodes = graph.getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto node = nodes.get(i);
            if (!onPath(node, needsGradient, leadsToOutput)) {
                continue;
            }
            List<String> outGrads = new ArrayList<>();
            boolean any = false;
            for (String o : node.getOutputList()) {
                List<String> parts = contributions.get(o);
                String g = sum(parts, emitter);
                if (g != null) {
                    emitter.declareShape(g, shapes.get(o));
                    contributions.put(o, List.of(g)); // summed once, also for a gradient output of o
                }
                if (g != null && (parts.size() > 1 || ELEMENTWISE_BACKWARD.contains(node.getOpType()))) {
                    // a Sum or the rule's Mul reads it next: keep it in the convolutions' layout
                    g = layout.blocked(g, shapes.get(o), emitter);
                }
                outGrads.add(g);
                any |= g != null;
            }
            if (!any) {
                continue;
            }
            BackwardRule rule = ruleFor(node, plan);
            List<String> inGrads = rule.backward(node, outGrads, emitter);
            for (int k = 0; k < node.getInputCount(); k++) {
                String in = node.getInput(k);
                String g = k < inGrads.size() ? inGrads.get(k) : null;
                if (g != null && needsGradient.contains(in)) {
                    emitter.declareShape(g, shapes.get(in));
                    contributions.computeIfAbsent(in, x -> new ArrayList<>()).add(g);
                }
            }
        }

        Map<String, String> gradientOutputs = new LinkedHashMap<>();
        for (String w : wrt) {
            String g = sum(contributions.get(w), emitter);
            if (plan.summedOverBatch()) {
                g = BatchSum.of(g, emitter, constants.keySet());
            }
            String out = "neurolens/grad/" + w;
            positiveZeros(g, out, shapes.get(w), emitter);
            gradientOutputs.put(w, out);
        }
        graph = graph.toBuilder().clearNode().addAllNode(layout.forward(graph.getNodeList(), emitter)).build();
        Set<String> graphOutputs = new HashSet<>(gradientOutputs.values());
        graphOutputs.add(output);
        graphOutputs.addAll(taps);
        emitter.removeUnread(graph.getNodeList(), graphOutputs);
        ModelProto compiled = assemble(model, graph, emitter, input, output, gradientOutputs, taps, shapes,
                !plan.seedFromPrediction());
        return new CompiledGraph(digest(compiled), compiled, input, plan.seedFromPrediction() ? null : SEED, output,
                gradientOutputs, taps, plan.summedOverBatch());
    }

    /**
     * Emits {@code out = g + (+0.0)}: equal to {@code g} for every value except {@code -0.0}, which
     * becomes {@code +0.0} (the masks' {@code -g·0}; PyTorch returns +0.0 there). When {@code g} is
     * the output of a bias-free Conv that nothing else reads (an input gradient), the +0.0 goes into
     * that Conv as a zero bias instead: one node less per explanation.
     */
    private static void positiveZeros(String g, String out, long[] shape, GraphEmitter emitter) {
        Optional<NodeProto> conv = emitter.producer(g).filter(p -> p.getOpType().equals("Conv")
                && p.getDomain().isEmpty() && p.getInputCount() == 2);
        if (conv.isPresent() && shape != null && shape.length > 1 && shape[1] > 0 && !emitter.isRead(g)) {
            String bias = emitter.floats(new float[(int) shape[1]], shape[1]);
            emitter.copy(conv.get(), List.of(conv.get().getInput(0), conv.get().getInput(1), bias), out);
            return;
        }
        emitter.named("Add", List.of(g, emitter.scalar(0f)), out);
    }

    private BackwardRule ruleFor(NodeProto node, ExplanationPlan plan) {
        BackwardRule r = plan.ruleOverrides().get(node.getName());
        if (r == null) {
            r = plan.opOverrides().get(node.getOpType());
        }
        if (r == null && node.getDomain().isEmpty() || r == null && node.getDomain().equals("ai.onnx")) {
            r = rules.get(node.getOpType());
        }
        if (r == null) {
            throw new NeuroLensException("no backward rule for op " + node.getOpType()
                    + (node.getDomain().isEmpty() ? "" : " (domain " + node.getDomain() + ")") + " at node '"
                    + node.getName() + "', which lies between the explained output and the input; supported ops: "
                    + String.join(", ", supportedOps()));
        }
        return r;
    }

    /**
     * Whether the plan gives a node a rule other than the standard one (LRP gives Slice and Pad the
     * standard rule, i.e. passes relevance through, which the Conv replacing them does too), or
     * overrides Conv itself: such nodes keep their form.
     */
    private boolean ownRule(NodeProto node, ExplanationPlan plan) {
        if (plan.opOverrides().containsKey("Conv")) {
            return true;
        }
        BackwardRule r = plan.ruleOverrides().getOrDefault(node.getName(), plan.opOverrides().get(node.getOpType()));
        return r != null && !r.equals(rules.get(node.getOpType()));
    }

    private static boolean onPath(NodeProto node, Set<String> needsGradient, Set<String> leadsToOutput) {
        boolean fromWrt = node.getInputList().stream().anyMatch(needsGradient::contains);
        boolean toOutput = node.getOutputList().stream().anyMatch(leadsToOutput::contains);
        return fromWrt && toOutput;
    }

    private static String sum(List<String> parts, GraphEmitter emitter) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<String> merged = PolyphaseConv.mergeInterleaved(parts, emitter);
        return merged.size() == 1 ? merged.get(0) : emitter.node("Sum", merged, Map.of());
    }

    private static String resolve(TensorNames names, String name, String role) {
        return names.resolve(name).orElseThrow(() -> new NeuroLensException("the " + role + " tensor '" + name
                + "' is not in the model; run 'neurolens info' to see layer and tensor names"));
    }

    private static long defaultOpset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(0);
    }

    private static GraphProto withNodeNames(GraphProto graph) {
        List<String> names = NodeNames.of(graph);
        GraphProto.Builder b = graph.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            if (!b.getNode(i).getName().equals(names.get(i))) {
                b.setNode(i, b.getNode(i).toBuilder().setName(names.get(i)));
            }
        }
        return b.build();
    }

    private static String imageInput(GraphProto graph) {
        Set<String> weights = new HashSet<>();
        graph.getInitializerList().forEach(t -> weights.add(t.getName()));
        return graph.getInputList().stream().map(ValueInfoProto::getName).filter(n -> !weights.contains(n)).findFirst()
                .orElseThrow(() -> new NeuroLensException("the model has no input"));
    }

    /** Initializers and Constant nodes' values, by tensor name. */
    private static Map<String, TensorProto> constants(GraphProto graph) {
        Map<String, TensorProto> m = new HashMap<>();
        graph.getInitializerList().forEach(t -> m.put(t.getName(), t));
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant")) {
                Attributes.find(n, "value").map(AttributeProto::getT).ifPresent(t -> m.put(n.getOutput(0), t));
            }
        }
        return m;
    }

    /**
     * Ops whose outputs carry no gradient (integers, booleans, piecewise-constant values): a value
     * computed from them, e.g. {@code ConstantOfShape(Shape(x))}, is a constant for the backward pass.
     */
    private static final Set<String> NOT_DIFFERENTIABLE = Set.of("Shape", "Size", "ArgMax", "ArgMin", "NonZero",
            "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
            "Sign", "Floor", "Ceil", "Round", "TopK");

    /** The tensors computed from {@code roots} (roots included) through differentiable ops. */
    private static Set<String> dependents(GraphProto graph, Set<String> roots) {
        Set<String> reached = new HashSet<>(roots);
        for (NodeProto n : graph.getNodeList()) {
            if (NOT_DIFFERENTIABLE.contains(n.getOpType())) {
                continue;
            }
            if (n.getInputList().stream().anyMatch(reached::contains)) {
                n.getOutputList().stream().filter(o -> !o.isEmpty()).forEach(reached::add);
            }
        }
        return reached;
    }

    /** The tensors {@code target} is computed from (target included). */
    private static Set<String> ancestors(GraphProto graph, String target) {
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            NodeProto p = producer.get(t);
            if (p != null) {
                p.getInputList().stream().filter(s -> !s.isEmpty()).forEach(todo::push);
            }
        }
        return seen;
    }

    private static ModelProto assemble(ModelProto model, GraphProto graph, GraphEmitter emitter, String input,
            String output, Map<String, String> gradients, List<String> taps, Map<String, long[]> shapes,
            boolean seedInput) {
        GraphProto.Builder g = graph.toBuilder();
        List<NodeProto> all = new ArrayList<>(graph.getNodeList());
        all.addAll(emitter.nodes());
        g.clearNode().addAllNode(TopologicalOrder.sort(all));
        g.addAllInitializer(emitter.initializers());
        emitter.shapeHints().forEach((name, shape) -> g.addValueInfo(floatValue(name, shape)));
        if (seedInput) {
            g.addInput(floatValue(SEED, shapes.get(output)));
        }
        g.clearOutput();
        Set<String> outs = new HashSet<>();
        g.addOutput(floatValue(output, null));
        outs.add(output);
        for (String out : gradients.values()) {
            if (outs.add(out)) {
                g.addOutput(floatValue(out, null));
            }
        }
        for (String t : taps) {
            if (outs.add(t)) {
                g.addOutput(floatValue(t, null));
            }
        }
        ModelProto.Builder m = model.toBuilder().setGraph(g);
        m.clearOpsetImport();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            boolean onnx = o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
            m.addOpsetImport(onnx ? o.toBuilder().setVersion(Math.max(o.getVersion(), OPSET)).build() : o);
        }
        // IR 8 is the oldest that allows opset 17; ONNX Runtime 1.21 reads IR up to 10
        m.setIrVersion(Math.min(10, Math.max(8, model.getIrVersion())));
        return m.build();
    }

    private static ValueInfoProto floatValue(String name, long[] shape) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (shape != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (long d : shape) {
                s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            t.setShape(s);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    private static String digest(ModelProto model) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model.toByteArray()), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
