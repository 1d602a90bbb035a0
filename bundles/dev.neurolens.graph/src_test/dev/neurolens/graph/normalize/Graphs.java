package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorShapeProto;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks into normalized models: nodes by name, constants, attributes, shapes, reference values. */
final class Graphs {
    private Graphs() {
    }

    static NodeProto node(ModelProto m, String name) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node '" + name + "' in " + names(m)));
    }

    static List<String> names(ModelProto m) {
        return m.getGraph().getNodeList().stream().map(NodeProto::getName).toList();
    }

    static List<String> ops(ModelProto m) {
        return m.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    static TensorProto constant(ModelProto m, String tensor) {
        return m.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(tensor)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer '" + tensor + "'"));
    }

    static long[] longs(ModelProto m, String tensor) {
        return Tensors.longs(constant(m, tensor)).orElseThrow();
    }

    static float[] floats(ModelProto m, String tensor) {
        return Tensors.floats(constant(m, tensor)).orElseThrow();
    }

    static Optional<AttributeProto> attr(NodeProto n, String name) {
        return Attrs.find(n, name);
    }

    static String text(NodeProto n, String name) {
        return attr(n, name).map(a -> a.getS().toStringUtf8()).orElseThrow(() -> new AssertionError(
                n.getName() + " has no attribute " + name));
    }

    static long opset(ModelProto m) {
        return m.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty())
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(-1);
    }

    /** The first dimension of a graph input or output: its dim_param, or its value as text. */
    static String firstDim(ModelProto m, String tensor) {
        var all = new java.util.ArrayList<>(m.getGraph().getInputList());
        all.addAll(m.getGraph().getOutputList());
        all.addAll(m.getGraph().getValueInfoList());
        TensorShapeProto.Dimension d = all.stream().filter(v -> v.getName().equals(tensor)).findFirst()
                .orElseThrow().getType().getTensorType().getShape().getDim(0);
        return d.hasDimValue() ? Long.toString(d.getDimValue()) : d.getDimParam();
    }

    /** {@code output} of {@code m} for input {@code x} = {@code values} of the given shape, in float64. */
    static DoubleTensor eval(ModelProto m, String output, float[] values, int... shape) {
        Map<String, DoubleTensor> env = new ReferenceEvaluator().evaluate(m, Map.of("x",
                DoubleTensor.ofFloats(values, shape)));
        return env.get(output);
    }

    /** The largest absolute difference of two tensors of the same shape. */
    static double maxDiff(DoubleTensor a, DoubleTensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shapes differ: " + java.util.Arrays.toString(a.shape()) + " vs "
                    + java.util.Arrays.toString(b.shape()));
        }
        double d = 0;
        for (int i = 0; i < a.size(); i++) {
            d = Math.max(d, Math.abs(a.get(i) - b.get(i)));
        }
        return d;
    }
}
