package dev.neurolens.engine.tensorflow.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.engine.tensorflow.internal.TfRuntime;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * The converter on hand-built TensorFlow graphs: TensorFlow runs the graph, NeuroLens' plain-Java
 * ONNX reference evaluator runs the conversion, and both must agree; unsupported ops are named.
 */
class ImporterTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(11);

    @BeforeAll
    static void natives() {
        TfRuntime.start(Path.of(System.getProperty("neurolens.cache", "target/neurolens-cache")));
    }

    @Test
    void samePaddingPutsTheOddPixelAtTheEnd() {
        assertArrayEquals(new long[] {0, 1}, NnOps.same(16, 3, 2, 1));
        assertArrayEquals(new long[] {1, 1}, NnOps.same(32, 3, 1, 1));
        assertArrayEquals(new long[] {0, 1}, NnOps.same(5, 2, 1, 1));
        assertArrayEquals(new long[] {2, 2}, NnOps.same(8, 3, 1, 2));
        assertArrayEquals(new long[] {1, 2}, NnOps.same(7, 5, 2, 1));
    }

    @Test
    void transposeMovesValues() {
        float[] hwc = {1, 2, 3, 4, 5, 6}; // [1, 2, 3] -> [3, 1, 2]
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Layout.transpose(hwc, new long[] {1, 2, 3},
                new long[] {2, 0, 1}));
    }

    @Test
    void unsupportedOpIsNamedWithItsNode() {
        GraphDef g = GraphDef.newBuilder().addNode(placeholder("x", -1, 4))
                .addNode(NodeDef.newBuilder().setName("block/erf").setOp("Erf").addInput("x").putAttr("T", type()))
                .build();
        try (GraphFacts facts = GraphFacts.of(new FlatGraph(g, "x", "x", "block/erf", "out"))) {
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxConversion.convert(facts, "t"));
            assertTrue(e.getMessage().startsWith("TensorFlow op Erf (node block/erf) cannot be imported"), e.getMessage());
        }
    }

    @Test
    void convolutionsPoolingAndDenseAgreeWithTensorFlow() {
        GraphDef g = GraphDef.newBuilder()
                .addNode(placeholder("x", -1, 9, 9, 3))
                .addNode(constant("k1", 3, 3, 3, 4))
                .addNode(op("c1", "Conv2D", "x", "k1").putAttr("strides", ints(1, 2, 2, 1))
                        .putAttr("padding", str("SAME")))
                .addNode(constant("b1", 4))
                .addNode(op("bias", "BiasAdd", "c1", "b1"))
                .addNode(op("r6", "Relu6", "bias"))
                .addNode(constant("dk", 3, 3, 4, 2))
                .addNode(op("dw", "DepthwiseConv2dNative", "r6", "dk").putAttr("strides", ints(1, 1, 1, 1))
                        .putAttr("padding", str("SAME")))
                .addNode(op("pool", "MaxPool", "dw").putAttr("ksize", ints(1, 2, 2, 1))
                        .putAttr("strides", ints(1, 2, 2, 1)).putAttr("padding", str("SAME")))
                .addNode(constant("scale", 8))
                .addNode(op("mul", "Mul", "pool", "scale"))
                .addNode(longs("axes", 1, 2))
                .addNode(op("gap", "Mean", "mul", "axes").putAttr("Tidx", AttrValue.newBuilder()
                        .setType(DataType.DT_INT64).build()).putAttr("keep_dims", AttrValue.newBuilder().setB(false)
                        .build()))
                .addNode(constant("w", 8, 5))
                .addNode(op("fc", "MatMul", "gap", "w"))
                .addNode(op("sm", "Softmax", "fc"))
                .build();
        float[] x = random(2 * 9 * 9 * 3);
        float[] expected;
        try (Graph graph = new Graph()) {
            graph.importGraphDef(g);
            try (Session s = new Session(graph); TFloat32 in = TfTensors.floats(x, new long[] {2, 9, 9, 3});
                    Result r = s.runner().feed("x", in).fetch("sm").run()) {
                expected = TfTensors.floatValues(r.get(0));
            }
        }
        try (GraphFacts facts = GraphFacts.of(new FlatGraph(g, "x", "image", "sm", "probabilities"))) {
            OnnxConversion.Converted converted = OnnxConversion.convert(facts, "test");
            Map<String, DoubleTensor> out = new ReferenceEvaluator().evaluate(converted.model(),
                    Map.of("image", DoubleTensor.ofFloats(x, 2, 9, 9, 3)));
            float[] actual = out.get("probabilities").toFloats();
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, "probability " + i);
            }
            // the depthwise conv's output is held NCHW and known to come from TensorFlow's "dw"
            assertTrue(converted.origins().values().contains(new TfTensorRef("dw", true)), converted.origins().toString());
        }
    }

    // ------------------------------------------------------------------ graph building helpers

    private static NodeDef.Builder op(String name, String op, String... inputs) {
        NodeDef.Builder b = NodeDef.newBuilder().setName(name).setOp(op).putAttr("T", type());
        for (String in : inputs) {
            b.addInput(in);
        }
        return b;
    }

    private static NodeDef placeholder(String name, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type())
                .putAttr("shape", AttrValue.newBuilder().setShape(s).build()).build();
    }

    private static NodeDef constant(String name, long... shape) {
        int n = 1;
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
            n *= (int) d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : random(n)) {
            b.putFloat(v - 0.5f);
        }
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(s)
                .setTensorContent(ByteString.copyFrom(b.array())).build();
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type())
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private static NodeDef longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_INT64).setTensorShape(
                TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(values.length)));
        for (long v : values) {
            t.addInt64Val(v);
        }
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT64).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private static AttrValue type() {
        return AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
    }

    private static AttrValue ints(long... values) {
        AttrValue.ListValue.Builder l = AttrValue.ListValue.newBuilder();
        for (long v : values) {
            l.addI(v);
        }
        return AttrValue.newBuilder().setList(l).build();
    }

    private static AttrValue str(String s) {
        return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(s)).build();
    }

    private static float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) RANDOM.nextDouble();
        }
        return v;
    }
}
