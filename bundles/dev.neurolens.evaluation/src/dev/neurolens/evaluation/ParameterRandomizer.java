package dev.neurolens.evaluation;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.NodeNames;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.build.TensorProtos;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-initializes the parameters of chosen layers of an ONNX model, for the model-parameter
 * randomization tests of Adebayo et al. (2018, "Sanity checks for saliency maps", section 3.1).
 * Parameters get what a framework gives a fresh layer before training:
 * <ul>
 * <li>weights of {@code Conv}, {@code Gemm}, {@code MatMul}: normal with standard deviation
 *     √(2 / fan-in) (He et al. 2015), fan-in = input channels / groups × kernel area, or the
 *     input features of a matrix;</li>
 * <li>their biases: uniform in ±1/√fan-in (PyTorch's default);</li>
 * <li>{@code BatchNormalization}: scale 1, bias 0, running mean 0, running variance 1.</li>
 * </ul>
 * Layer {@code k} (in {@link #layers()} order) always draws from the same seeded stream,
 * {@code seed + k}, so a layer gets the same new weights in the cascading and the independent test.
 * Only float32 initializers change; one shared by several layers changes with any of them.
 */
public final class ParameterRandomizer {
    private static final Set<String> OPS = Set.of("Conv", "Gemm", "MatMul", "BatchNormalization");

    private final ModelProto model;
    private final List<ParametrizedLayer> layers;

    /**
     * A randomizer for {@code model}.
     *
     * @throws NeuroLensException if the model has no parametrized layer
     */
    public ParameterRandomizer(ModelProto model, String source) {
        this.model = model;
        this.layers = find(model.getGraph());
        if (layers.isEmpty()) {
            throw new NeuroLensException(source + " has no layer with parameters to randomize (Conv, Gemm, MatMul"
                    + " or BatchNormalization with constant weights)");
        }
    }

    /** The parametrized layers, in topological (node list) order: input side first. */
    public List<ParametrizedLayer> layers() {
        return layers;
    }

    /**
     * The model with the parameters of {@code chosen} re-initialized, serialized.
     *
     * @param chosen layers of {@link #layers()}
     * @param seed the base seed
     */
    public byte[] randomize(Collection<ParametrizedLayer> chosen, long seed) {
        GraphProto graph = model.getGraph();
        Map<String, Integer> initializerIndex = new HashMap<>();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            initializerIndex.put(graph.getInitializer(i).getName(), i);
        }
        GraphProto.Builder g = graph.toBuilder();
        for (ParametrizedLayer layer : chosen) {
            int k = layers.indexOf(layer);
            if (k < 0) {
                throw new IllegalArgumentException("not a layer of this model: " + layer.name());
            }
            RandomWeights random = new RandomWeights(seed + k);
            NodeProto node = graph.getNode(layer.position());
            Integer w = node.getInputCount() > 1 ? initializerIndex.get(node.getInput(1)) : null;
            long[] weightDims = w == null ? new long[0] : dims(graph.getInitializer(w));
            for (int input = 0; input < node.getInputCount(); input++) {
                Integer at = initializerIndex.get(node.getInput(input));
                if (at != null && isFloat(graph.getInitializer(at))) {
                    TensorProto old = graph.getInitializer(at);
                    g.setInitializer(at, TensorProtos.floats(old.getName(),
                            fresh(node, input, old, weightDims, random), dims(old)));
                }
            }
        }
        return model.toBuilder().setGraph(g).build().toByteArray();
    }

    private static float[] fresh(NodeProto node, int input, TensorProto old, long[] weightDims,
            RandomWeights random) {
        long[] d = dims(old);
        int n = (int) count(d);
        if (node.getOpType().equals("BatchNormalization")) {
            float value = input == 1 || input == 4 ? 1f : 0f; // scale, var -> 1; bias, mean -> 0
            float[] v = new float[n];
            Arrays.fill(v, value);
            return v;
        }
        boolean weight = d.length >= 2;
        int fanIn = fanIn(node, weight ? d : weightDims);
        return weight ? random.he(n, fanIn) : random.uniform(n, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
    }

    /** The fan-in of a layer from the shape of its weight ({@code w}); 1 if unknown. */
    private static int fanIn(NodeProto node, long[] w) {
        if (w.length < 2) {
            return 1;
        }
        long fanIn = switch (node.getOpType()) {
            case "Conv" -> count(w) / w[0]; // [M, C/group, kh, kw]
            case "Gemm" -> transB(node) ? w[1] : w[0]; // B is [K, N], or [N, K] with transB
            default -> w[w.length - 2]; // MatMul: [..., K, N]
        };
        return (int) Math.max(1, fanIn);
    }

    private static boolean transB(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("transB")) {
                return a.getI() != 0;
            }
        }
        return false;
    }

    private static List<ParametrizedLayer> find(GraphProto graph) {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            if (isFloat(t)) {
                initializers.add(t.getName());
            }
        }
        List<String> names = NodeNames.of(graph);
        List<ParametrizedLayer> out = new ArrayList<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (!OPS.contains(node.getOpType())) {
                continue;
            }
            List<String> params = node.getInputList().stream().filter(initializers::contains).toList();
            if (!params.isEmpty()) {
                out.add(new ParametrizedLayer(names.get(i), node.getOpType(), i, params));
            }
        }
        return List.copyOf(out);
    }

    private static boolean isFloat(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT.getNumber() && t.getDataLocation()
                != TensorProto.DataLocation.EXTERNAL;
    }

    private static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static long count(long[] d) {
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        return n;
    }
}
