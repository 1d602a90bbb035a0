package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.NodeBuilder;
import dev.neurolens.graph.build.TensorProtos;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ops that move values: Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat, Slice (steps,
 * negative and clamped bounds), Pad (every mode, negative pads), and the constant shape
 * arithmetic of exported models (Shape, Gather, Unsqueeze, Concat, Constant, ConstantOfShape,
 * Cast) feeding them.
 */
final class ShapeCases {
    private ShapeCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                reshape("[2,3,4] to [2,12] with 0 and -1", 1, new int[] {2, 3, 4}, 0, -1),
                reshape("[2,12] to [2,3,2,2]", 2, new int[] {2, 12}, 2, 3, 2, 2),
                unary("Flatten", "axis 1 of 4-D", 3, new int[] {2, 3, 4, 5}, n -> n.attr("axis", 1)),
                unary("Flatten", "axis 2", 4, new int[] {2, 1, 4, 5}, n -> n.attr("axis", 2)),
                unary("Flatten", "axis -1", 5, new int[] {3, 1, 4}, n -> n.attr("axis", -1)),
                unary("Flatten", "axis 0 (batch 1)", 6, new int[] {1, 3, 4}, n -> n.attr("axis", 0)),
                unary("Transpose", "NCHW to NHWC", 7, new int[] {2, 3, 4, 5}, n -> n.ints("perm", 0, 2, 3, 1)),
                unary("Transpose", "NHWC to NCHW", 8, new int[] {2, 4, 5, 3}, n -> n.ints("perm", 0, 3, 1, 2)),
                unary("Transpose", "swap axes 0 and 1", 9, new int[] {3, 3, 2}, n -> n.ints("perm", 1, 0, 2)),
                unary("Transpose", "default perm (reverse)", 10, new int[] {3, 2, 3}, n -> { }),
                withAxes("Squeeze", "axis 2", 11, new int[] {2, 3, 1, 4}, 2),
                withAxes("Squeeze", "axes -1 and 2", 12, new int[] {2, 3, 1, 1}, -1, 2),
                withAxes("Unsqueeze", "axes 1 and -1", 13, new int[] {2, 3}, 1, -1),
                withAxes("Unsqueeze", "axis 2 of 3-D", 50, new int[] {2, 3, 4}, 2),
                withAxes("Unsqueeze", "axes 1 and 2 of 2-D", 51, new int[] {2, 3}, 1, 2),
                concatWithWeight(),
                concatSelf(),
                slice("steps 2 on axis 2", 16, new int[] {2, 3, 7, 4}, new long[] {1}, new long[] {7}, new long[] {2},
                        new long[] {2}),
                slice("reverse axis 1 (step -1, clamped bounds)", 17, new int[] {2, 4, 3}, new long[] {Long.MAX_VALUE},
                        new long[] {Long.MIN_VALUE}, new long[] {1}, new long[] {-1}),
                slice("negative starts and ends", 18, new int[] {2, 6, 5}, new long[] {-4, -5}, new long[] {-1, 100},
                        new long[] {1, -1}, new long[] {1, 1}),
                slice("steps 3 and -2 on two axes", 19, new int[] {2, 3, 8, 7}, new long[] {1, -1}, new long[] {8, -100},
                        new long[] {2, 3}, new long[] {3, -2}),
                slice("steps 3 and 2 on two axes, interleaved tails cropped", 41, new int[] {2, 3, 8, 7},
                        new long[] {1, 0}, new long[] {8, 7}, new long[] {2, 3}, new long[] {3, 2}),
                slice("steps 2 on the channel axis (an outer axis)", 42, new int[] {2, 7, 3, 4}, new long[] {1},
                        new long[] {7}, new long[] {1}, new long[] {2}),
                slice("no axes or steps inputs", 20, new int[] {2, 5, 4}, new long[] {0, 1, 1}, new long[] {2, 4, 3},
                        null, null),
                pad("constant 0.5, asymmetric", 21, new int[] {2, 3, 4, 4}, "constant", 0, 0, 1, 0, 0, 0, 0, 2),
                pad("reflect", 22, new int[] {2, 3, 4, 5}, "reflect", 0, 0, 2, 1, 0, 0, 1, 3),
                pad("edge", 23, new int[] {2, 3, 4, 5}, "edge", 0, 0, 2, 1, 0, 0, 3, 2),
                pad("negative pads crop", 24, new int[] {2, 3, 5, 5}, "constant", 0, 0, -1, 2, 0, 0, 1, -2),
                optionAShortcut(),
                pyTorchFlatten(),
                constantOfShapeAdd(),
                castAndConstant());
    }

    private static GradientCase reshape(String config, long seed, int[] x, long... target) {
        GradientCase.Builder b = GradientCase.of("Reshape", config, seed, x);
        b.model().int64Vector("shape", target);
        b.model().node("Reshape").name("reshape").inputs("x", "shape").outputs("y");
        return b.build();
    }

    private static GradientCase unary(String op, String config, long seed, int[] x, Consumer<NodeBuilder> attrs) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, x);
        attrs.accept(b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x").outputs("y"));
        return b.build();
    }

    /** Squeeze/Unsqueeze with axes as an input (opset 13+). */
    private static GradientCase withAxes(String op, String config, long seed, int[] x, long... axes) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, x);
        b.model().int64Vector("axes", axes);
        b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x", "axes").outputs("y");
        return b.build();
    }

    private static GradientCase concatWithWeight() {
        GradientCase.Builder b = GradientCase.of("Concat", "x and a weight along axis 1", 14, 2, 3, 4);
        b.model().initializer("c", b.random().uniform(2 * 2 * 4, -1, 1), 2, 2, 4);
        b.model().node("Concat").name("concat").inputs("c", "x").outputs("y").attr("axis", 1);
        return b.wrt("x", "c").build();
    }

    /** Concat(x, Relu(x), x) along the last axis: x in two slots and through a branch. */
    private static GradientCase concatSelf() {
        GradientCase.Builder b = GradientCase.of("Concat", "x, Tanh(x), x along axis -1", 15, 2, 3, 4);
        b.model().node("Tanh").name("tanh").inputs("x").outputs("t");
        b.model().node("Concat").name("concat").inputs("x", "t", "x").outputs("y").attr("axis", -1);
        return b.build();
    }

    private static GradientCase slice(String config, long seed, int[] x, long[] starts, long[] ends, long[] axes,
            long[] steps) {
        GradientCase.Builder b = GradientCase.of("Slice", config, seed, x);
        b.model().int64Vector("starts", starts).int64Vector("ends", ends);
        NodeBuilder n = b.model().node("Slice").name("slice").outputs("y");
        if (axes == null) {
            n.inputs("x", "starts", "ends");
        } else {
            b.model().int64Vector("axes", axes).int64Vector("steps", steps);
            n.inputs("x", "starts", "ends", "axes", "steps");
        }
        return b.build();
    }

    private static GradientCase pad(String config, long seed, int[] x, String mode, long... pads) {
        GradientCase.Builder b = GradientCase.of("Pad", config, seed, x);
        b.model().int64Vector("pads", pads).initializer("value", new float[] {0.5f});
        b.model().node("Pad").name("pad").inputs("x", "pads", mode.equals("constant") ? "value" : "").outputs("y")
                .attr("mode", mode);
        return b.build();
    }

    /**
     * ResNet-20's option-A shortcut as PyTorch exports it: x[:, :, ::2, ::2] (Slice with steps
     * from Constant nodes), then zero-padding of the channels (Pad with Constant pads).
     */
    private static GradientCase optionAShortcut() {
        GradientCase.Builder b = GradientCase.of("Pad", "option-A shortcut: Slice ::2 then Pad channels", 25, 2, 2, 6, 6);
        b.model().node("Constant").name("starts").outputs("s").attr("value", TensorProtos.int64Vector("", 0, 0));
        b.model().node("Constant").name("ends").outputs("e")
                .attr("value", TensorProtos.int64Vector("", Long.MAX_VALUE, Long.MAX_VALUE));
        b.model().node("Constant").name("axes").outputs("a").attr("value", TensorProtos.int64Vector("", 2, 3));
        b.model().node("Constant").name("steps").outputs("st").attr("value", TensorProtos.int64Vector("", 2, 2));
        b.model().node("Slice").name("slice").inputs("x", "s", "e", "a", "st").outputs("sub");
        b.model().node("Constant").name("pads").outputs("p")
                .attr("value", TensorProtos.int64Vector("", 0, 1, 0, 0, 0, 1, 0, 0));
        b.model().node("Pad").name("pad").inputs("sub", "p").outputs("y");
        return b.build();
    }

    /** {@code x.view(x.size(0), -1)} as torch.onnx exports it: Shape → Gather → Unsqueeze → Concat → Reshape. */
    private static GradientCase pyTorchFlatten() {
        GradientCase.Builder b = GradientCase.of("Reshape", "shape computed by Shape/Gather/Unsqueeze/Concat", 26, 2, 3, 4);
        b.model().initializer(TensorProtos.int64s("zero", new long[] {0})).int64Vector("axes0", 0);
        b.model().node("Shape").name("shape").inputs("x").outputs("sh");
        b.model().node("Gather").name("gather").inputs("sh", "zero").outputs("n").attr("axis", 0);
        b.model().node("Unsqueeze").name("unsqueeze").inputs("n", "axes0").outputs("n1");
        b.model().node("Constant").name("minus_one").outputs("m1").ints("value_ints", -1);
        b.model().node("Concat").name("target").inputs("n1", "m1").outputs("target").attr("axis", 0);
        b.model().node("Reshape").name("reshape").inputs("x", "target").outputs("y");
        return b.build();
    }

    /** {@code x * ConstantOfShape(Shape(x), 0.5)}: a constant whose shape comes from x. */
    private static GradientCase constantOfShapeAdd() {
        GradientCase.Builder b = GradientCase.of("ConstantOfShape", "x * ConstantOfShape(Shape(x), 0.5)", 27, 2, 3, 4);
        b.model().node("Shape").name("shape").inputs("x").outputs("sh");
        b.model().node("ConstantOfShape").name("fill").inputs("sh").outputs("half")
                .attr("value", TensorProtos.floats("", new float[] {0.5f}, 1));
        b.model().node("Mul").name("mul").inputs("x", "half").outputs("y");
        return b.build();
    }

    /** Cast to float and a Constant factor on the path. */
    private static GradientCase castAndConstant() {
        GradientCase.Builder b = GradientCase.of("Cast", "Cast(x) * Constant", 28, 2, 5);
        b.model().node("Cast").name("cast").inputs("x").outputs("xf").attr("to", 1);
        b.model().node("Constant").name("three").outputs("k").attr("value", TensorProtos.floats("", new float[] {3f}));
        b.model().node("Mul").name("mul").inputs("xf", "k").outputs("y");
        return b.build();
    }
}
