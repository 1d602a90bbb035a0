package dev.neurolens.graph.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.build.TensorProtos;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The option-A shortcut as torch exports it (two one-axis Slices, pads computed from Constants) becomes one Conv. */
class SubsamplingAsConvTest {

    /** x[:, :, ::2, ::2] as two Slices, then F.pad of the channels by 2 and 3 with computed pads. */
    private static ModelProto shortcut(long startH) {
        ModelBuilder m = new ModelBuilder("shortcut").input("x", -1, 3, 7, 6);
        m.node("Constant").name("s0").outputs("s0").attr("value", TensorProtos.int64Vector("", startH));
        m.node("Constant").name("e0").outputs("e0").attr("value", TensorProtos.int64Vector("", Long.MAX_VALUE));
        m.node("Constant").name("a0").outputs("a0").attr("value", TensorProtos.int64Vector("", 2));
        m.node("Constant").name("st0").outputs("st0").attr("value", TensorProtos.int64Vector("", 2));
        m.node("Slice").name("slice_h").inputs("x", "s0", "e0", "a0", "st0").outputs("h");
        m.node("Constant").name("s1").outputs("s1").attr("value", TensorProtos.int64Vector("", 0));
        m.node("Constant").name("e1").outputs("e1").attr("value", TensorProtos.int64Vector("", Long.MAX_VALUE));
        m.node("Constant").name("a1").outputs("a1").attr("value", TensorProtos.int64Vector("", -1));
        m.node("Constant").name("st1").outputs("st1").attr("value", TensorProtos.int64Vector("", 2));
        m.node("Slice").name("slice_w").inputs("h", "s1", "e1", "a1", "st1").outputs("hw");
        m.node("Constant").name("begin").outputs("pb").attr("value", TensorProtos.int64Vector("", 0, 2, 0, 0));
        m.node("Constant").name("end").outputs("pe").attr("value", TensorProtos.int64Vector("", 0, 3, 0, 0));
        m.node("Concat").name("pads_concat").inputs("pb", "pe").outputs("pads").attr("axis", 0);
        m.node("Pad").name("pad").inputs("hw", "pads").outputs("y");
        return m.output("y").build();
    }

    private static Map<String, long[]> shapes() {
        Map<String, long[]> s = new HashMap<>();
        s.put("x", new long[] {-1, 3, 7, 6});
        s.put("h", new long[] {-1, 3, 4, 6});
        s.put("hw", new long[] {-1, 3, 4, 3});
        s.put("y", new long[] {-1, 8, 4, 3});
        return s;
    }

    private static Map<String, TensorProto> constants(GraphProto g) {
        Map<String, TensorProto> c = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Constant")) {
                c.put(n.getOutput(0), n.getAttribute(0).getT());
            }
        }
        g.getInitializerList().forEach(t -> c.put(t.getName(), t));
        return c;
    }

    private static GraphProto rewrite(ModelProto model, Set<String> named, Set<String> overridden) {
        GraphProto g = model.getGraph();
        return SubsamplingAsConv.rewrite(g, 17, shapes(), constants(g), named,
                n -> overridden.contains(n.getName()));
    }

    @Test
    void slicesAndPadBecomeOneConvWithTheSameValues() {
        ModelProto model = shortcut(0);
        GraphProto g = rewrite(model, Set.of("y"), Set.of());
        assertEquals(List.of("Conv"), g.getNodeList().stream().map(NodeProto::getOpType).toList(),
                "the slice bounds and the pads' Constants and Concat are gone with their readers");
        NodeProto conv = g.getNode(0);
        assertEquals(List.of("x", "y"), List.of(conv.getInput(0), conv.getOutput(0)));
        assertEquals(List.of(2L, 2L), Attributes.find(conv, "strides").orElseThrow().getIntsList());
        TensorProto w = g.getInitializerList().stream().filter(t -> t.getName().equals(conv.getInput(1)))
                .findFirst().orElseThrow();
        assertEquals(List.of(8L, 3L, 1L, 1L), w.getDimsList());

        float[] x = new RandomWeights(3).uniform(2 * 3 * 7 * 6, -1, 1);
        ReferenceEvaluator eval = new ReferenceEvaluator();
        Map<String, DoubleTensor> in = Map.of("x", DoubleTensor.ofFloats(x, 2, 3, 7, 6));
        DoubleTensor expected = eval.evaluate(model, in).get("y");
        DoubleTensor actual = eval.evaluate(model.toBuilder().setGraph(g).build(), in).get("y");
        assertArrayEquals(new int[] {2, 8, 4, 3}, actual.shape());
        assertArrayEquals(expected.values(), actual.values(), 0.0);
    }

    @Test
    void namedIntermediatesOverriddenNodesAndOtherSlicesStay() {
        ModelProto model = shortcut(0);
        assertSame(model.getGraph(), rewrite(model, Set.of("y", "h"), Set.of()), "h is asked for (a tap or layer)");
        assertSame(model.getGraph(), rewrite(model, Set.of("y"), Set.of("slice_w")), "a rule of its own (LRP)");
        ModelProto offset = shortcut(1);
        assertSame(offset.getGraph(), rewrite(offset, Set.of("y"), Set.of()), "x[:, :, 1::2] is no Conv");
        GraphProto keepPad = rewrite(model, Set.of("y"), Set.of("pad"));
        assertEquals(List.of("Conv", "Constant", "Constant", "Concat", "Pad"),
                keepPad.getNodeList().stream().map(NodeProto::getOpType).toList(),
                "an overridden Pad stays, reading the Conv (a depthwise 1x1 of 3 channels)");
    }
}
