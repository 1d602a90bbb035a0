package dev.neurolens.lrp.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.compile.BackwardRule;
import dev.neurolens.graph.compile.PoolingRules;
import dev.neurolens.graph.compile.ShapeRules;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.lrp.LayerSlot;
import dev.neurolens.lrp.LrpComposite;
import dev.neurolens.lrp.LrpRuleFactory;
import dev.neurolens.lrp.RuleSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The canonizer and rule assignment of LRP: walks the relevance path of a graph in order and
 * gives every node a backward rule — the composite's (or the user's) rule for linear layers, with
 * a following BatchNormalization merged in; pass-through for element-wise activations and affine
 * ops with a constant operand; the gradient for max pooling and rearranging ops; the z-rule for
 * average pooling and for residual sums. Any other node fails, naming it.
 *
 * @param overrides the backward rule of every node on the path, by node name
 * @param linearRules the rule name of every linear node, in graph order
 * @param firstLayers the first layers (reached from the input through affine ops only)
 */
public record Assignment(Map<String, BackwardRule> overrides, Map<String, String> linearRules,
        List<String> firstLayers) {

    /** Element-wise activations: relevance passes through (Zennit's {@code Activation} → {@code Pass}). */
    static final Set<String> ACTIVATIONS = Set.of("Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu",
            "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign", "ThresholdedRelu", "Mish");
    private static final Set<String> IDENTITIES = Set.of("Identity", "Dropout", "Cast");
    private static final Set<String> LINEAR = Set.of("Conv", "Gemm", "MatMul");
    private static final Map<String, BackwardRule> REARRANGING = Map.of("Reshape", new ShapeRules.Reshape(),
            "Flatten", new ShapeRules.Reshape(), "Squeeze", new ShapeRules.Reshape(), "Unsqueeze",
            new ShapeRules.Reshape(), "Transpose", new ShapeRules.Transpose(), "Concat", new ShapeRules.Concat(),
            "Slice", new ShapeRules.Slice(), "Pad", new ShapeRules.Pad(), "MaxPool", new PoolingRules.MaxPool());
    private static final Map<String, BackwardRule> AVERAGING = Map.of("AveragePool", new PoolingRules.AveragePool(),
            "GlobalAveragePool", new PoolingRules.GlobalAveragePool(), "ReduceMean", new PoolingRules.ReduceMean());
    private static final Set<String> ARITHMETIC = Set.of("Add", "Sum", "Sub", "Mul", "Div");

    /** Compact constructor: copies. */
    public Assignment {
        overrides = Map.copyOf(overrides);
        linearRules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(linearRules));
        firstLayers = List.copyOf(firstLayers);
    }

    /**
     * What a rule assignment needs.
     *
     * @param composite the composite
     * @param byName rule names by node name (the {@code rules} parameter), taking precedence
     * @param rules the rule factories by name
     * @param settings the rule parameters
     * @param inputBounds the box bounds of the model input
     */
    public record Choice(LrpComposite composite, Map<String, String> byName, Map<String, LrpRuleFactory> rules,
            RuleSettings settings, Bounds inputBounds) {
    }

    /**
     * Assigns rules to the relevance path of a graph.
     *
     * @throws NeuroLensException naming the node when a node has no rule, or a name in
     *     {@code byName} is no linear node on the path
     */
    static Assignment of(GraphFacts facts, Map<String, long[]> shapes, Choice choice) {
        return new Walk(facts, shapes, choice).run();
    }

    /** The state of one walk over the path. */
    private static final class Walk {
        private final GraphFacts facts;
        private final Map<String, long[]> shapes;
        private final Choice choice;
        private final Map<String, BackwardRule> overrides = new HashMap<>();
        private final Map<String, String> linear = new LinkedHashMap<>();
        private final List<String> first = new ArrayList<>();
        private final Set<String> nonNegative = new HashSet<>();
        /** Tensors reached from the input through affine ops only, with their bounds where known. */
        private final Map<String, Optional<Bounds>> affine = new HashMap<>();
        private final Set<String> merged = new HashSet<>();

        Walk(GraphFacts facts, Map<String, long[]> shapes, Choice choice) {
            this.facts = facts;
            this.shapes = shapes;
            this.choice = choice;
        }

        Assignment run() {
            List<NodeProto> path = facts.path();
            affine.put(facts.input(), Optional.of(choice.inputBounds()));
            for (NodeProto n : path) {
                visit(n);
            }
            for (String name : choice.byName().keySet()) {
                if (!linear.containsKey(name)) {
                    throw new NeuroLensException("method lrp: rules: '" + name + "' is not a Conv, Gemm or MatMul "
                            + "node between the input and the output; linear nodes: "
                            + String.join(", ", linear.keySet()));
                }
            }
            return new Assignment(overrides, linear, first);
        }

        private void visit(NodeProto n) {
            String op = n.getOpType();
            List<Integer> acts = facts.activationOperands(n);
            String out = n.getOutput(0);
            if (LINEAR.contains(op)) {
                linear(n, acts);
            } else if (op.equals("BatchNormalization")) {
                if (!merged.contains(n.getName())) {
                    throw new NeuroLensException("LRP has no rule for BatchNormalization node '" + n.getName()
                            + "': it does not follow a Conv or Gemm it could be merged into");
                }
            } else if (ACTIVATIONS.contains(op)) {
                overrides.put(n.getName(), new Through(0));
                if (op.equals("Relu")) {
                    nonNegative.add(out);
                }
            } else if (IDENTITIES.contains(op) || REARRANGING.containsKey(op)) {
                overrides.put(n.getName(), IDENTITIES.contains(op) ? new Through(0) : REARRANGING.get(op));
                carry(n, acts, !op.equals("MaxPool"));
            } else if (AVERAGING.containsKey(op)) {
                overrides.put(n.getName(), new Proportional(AVERAGING.get(op), choice.settings().stabilizer()));
                carry(n, acts, false);
            } else if (ARITHMETIC.contains(op)) {
                arithmetic(n, acts);
            } else {
                throw new NeuroLensException("LRP has no rule for op " + op + " at node '" + n.getName() + "', which "
                        + "lies between the input and the explained output (rules exist for Conv, Gemm, MatMul, "
                        + "element-wise activations, pooling, sums, reshapes and affine normalization)");
            }
        }

        /** Rearranging and pooling ops keep non-negativity; rearranging ones keep the affine reach. */
        private void carry(NodeProto n, List<Integer> acts, boolean affineOp) {
            String out = n.getOutput(0);
            if (acts.stream().allMatch(i -> nonNegative.contains(n.getInput(i)))) {
                nonNegative.add(out);
            }
            if (affineOp && acts.stream().allMatch(i -> affine.containsKey(n.getInput(i)))) {
                affine.put(out, acts.size() == 1 ? flattened(n, affine.get(n.getInput(acts.get(0))))
                        : Optional.empty());
            }
        }

        /**
         * Per-channel bounds through a Flatten/Reshape from {@code [N, C, ...]} to {@code [N, C·rest]}
         * become per-feature bounds (each channel's value repeated over its positions).
         */
        private Optional<Bounds> flattened(NodeProto n, Optional<Bounds> b) {
            long[] in = shapes.get(n.getInput(0));
            long[] out = shapes.get(n.getOutput(0));
            if (b.isEmpty() || b.get().low().size() == 1 || in == null || out == null || in.length < 3
                    || out.length != 2 || in[1] != b.get().low().size()) {
                return b;
            }
            int channels = (int) in[1];
            int each = (int) (out[1] / channels);
            float[][] a = b.get().arrays();
            float[] low = new float[channels * each];
            float[] high = new float[channels * each];
            for (int i = 0; i < low.length; i++) {
                low[i] = a[0][i / each];
                high[i] = a[1][i / each];
            }
            return Optional.of(Bounds.of(low, high));
        }

        private void arithmetic(NodeProto n, List<Integer> acts) {
            String op = n.getOpType();
            if (acts.size() >= 2) {
                if (op.equals("Mul") || op.equals("Div")) {
                    throw new NeuroLensException("LRP has no rule for " + op + " node '" + n.getName()
                            + "': it multiplies two activations (e.g. a gating or squeeze-excitation product)");
                }
                overrides.put(n.getName(), new SumSplit(choice.settings().stabilizer()));
                if (acts.stream().allMatch(i -> nonNegative.contains(n.getInput(i))) && !op.equals("Sub")) {
                    nonNegative.add(n.getOutput(0));
                }
                return;
            }
            int k = acts.get(0);
            String in = n.getInput(k);
            if (op.equals("Div") && k == 1) {
                throw new NeuroLensException("LRP has no rule for Div node '" + n.getName() + "': it divides by an "
                        + "activation");
            }
            long[] inShape = shapes.get(in);
            long[] outShape = shapes.get(n.getOutput(0));
            if (inShape != null && outShape != null && !Arrays.equals(inShape, outShape)) {
                throw new NeuroLensException(op + " node '" + n.getName() + "' broadcasts its activation '" + in
                        + "' " + Arrays.toString(inShape) + " to " + Arrays.toString(outShape)
                        + "; LRP passes relevance only through equally shaped affine ops");
            }
            // a constant operand: a bias or a normalization, not a relevance split
            overrides.put(n.getName(), new Through(k));
            Optional<Bounds> reached = affine.get(in);
            if (reached != null) {
                int rank = outShape == null ? 4 : outShape.length;
                affine.put(n.getOutput(0), reached.flatMap(b -> n.getInputCount() == 2
                        ? BoundsPush.through(n, b, k, facts.constant(n.getInput(1 - k)), rank) : Optional.empty()));
            }
        }

        private void linear(NodeProto n, List<Integer> acts) {
            String name = n.getName();
            if (!acts.equals(List.of(0))) {
                throw new NeuroLensException("LRP has no rule for " + n.getOpType() + " node '" + name + "': its "
                        + (acts.contains(1) ? "weights are computed from the input (a product of two activations)"
                        : "first operand is not the activation"));
            }
            String x = n.getInput(0);
            boolean isFirst = affine.containsKey(x);
            BatchNormFold fold = mergeableNorm(n);
            boolean convolution = n.getOpType().equals("Conv");
            LayerSlot slot = new LayerSlot(name, n.getOpType(), convolution, isFirst);
            String ruleName = choice.byName().get(name);
            if (ruleName == null) {
                ruleName = choice.composite().ruleFor(slot).orElseThrow(() -> new NeuroLensException("LRP composite '"
                        + choice.composite().name() + "' has no rule for " + (convolution ? "convolution" : "dense layer")
                        + " '" + name + "'; give one with --param rules=" + name + ":RULE"));
            }
            LrpRuleFactory factory = choice.rules().get(ruleName);
            if (factory == null) {
                throw new NeuroLensException("unknown LRP rule '" + ruleName + "' for node '" + name + "'; rules: "
                        + String.join(", ", choice.rules().keySet()));
            }
            Bounds bounds = isFirst ? affine.get(x).orElse(null) : null;
            overrides.put(name, new LinearRule(factory.create(choice.settings()), ruleName, fold,
                    nonNegative.contains(x), bounds));
            linear.put(name, ruleName);
            if (isFirst) {
                first.add(name);
            }
            if (fold != null) {
                merged.add(fold.node());
                overrides.put(fold.node(), new Through(0));
            }
        }

        /** The BatchNormalization that alone reads a Conv/Gemm's output, with constant parameters. */
        private BatchNormFold mergeableNorm(NodeProto n) {
            String out = n.getOutput(0);
            List<NodeProto> readers = facts.consumers(out);
            if (readers.size() != 1 || facts.isGraphOutput(out) || n.getOpType().equals("MatMul")) {
                return null;
            }
            NodeProto bn = readers.get(0);
            if (!bn.getOpType().equals("BatchNormalization") || bn.getInputCount() < 5
                    || n.getOpType().equals("Gemm") && (NodeAttributes.integer(n, "transA", 0) != 0
                            || NodeAttributes.real(n, "beta", 1f) == 0f)) {
                return null;
            }
            for (int i = 1; i < 5; i++) {
                if (facts.isActivation(bn.getInput(i))) {
                    return null;
                }
            }
            return new BatchNormFold(bn.getName(), bn.getOutput(0), bn.getInput(1), bn.getInput(2), bn.getInput(3),
                    bn.getInput(4), NodeAttributes.real(bn, "epsilon", 1e-5f));
        }
    }
}
