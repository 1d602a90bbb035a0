package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.NodeBuilder;
import java.util.List;
import java.util.function.Consumer;

/**
 * Activations and pass-through ops. Inputs keep a margin of 0.05 from every kink (ReLU at 0, the
 * Clip bounds, the corners of HardSigmoid and HardSwish), so that float32 and float64 agree on the
 * branch and the finite differences see a smooth function.
 */
final class ElementwiseCases {
    private static final double MARGIN = 0.05;

    private ElementwiseCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                unary("Relu", "4-D", 1, new int[] {2, 3, 4, 5}, -1, 1, new double[] {0}, n -> { }),
                unary("LeakyRelu", "alpha 0.1", 2, new int[] {2, 3, 4}, -1, 1, new double[] {0}, n -> n.attr("alpha", 0.1f)),
                unary("LeakyRelu", "default alpha", 3, new int[] {2, 5}, -1, 1, new double[] {0}, n -> { }),
                reluAtTheKink(),
                clip("ReLU6 (min 0, max 6)", 4, "lo", "hi", 0f, 6f),
                clipAtTheBounds(),
                clip("max only", 5, "", "hi", 0f, 0.5f),
                clip("min only", 6, "lo", "", -0.25f, 0f),
                clip("no bounds", 7, "", "", 0f, 0f),
                unary("Sigmoid", "4-D", 8, new int[] {2, 3, 4, 4}, -6, 6, new double[0], n -> { }),
                unary("Tanh", "3-D", 9, new int[] {2, 3, 7}, -3, 3, new double[0], n -> { }),
                unary("HardSigmoid", "default alpha beta", 10, new int[] {2, 3, 8}, -5, 5, new double[] {-2.5, 2.5},
                        n -> { }),
                unary("HardSigmoid", "alpha 0.5 beta 0.6", 11, new int[] {2, 3, 8}, -3, 3, new double[] {-1.2, 0.8},
                        n -> n.attr("alpha", 0.5f).attr("beta", 0.6f)),
                unary("HardSwish", "4-D", 12, new int[] {2, 3, 4, 4}, -5, 5, new double[] {-3, 3}, n -> { }),
                unary("Identity", "3-D", 13, new int[] {2, 3, 4}, -1, 1, new double[0], n -> { }),
                unary("Sigmoid", "2-D, saturated tails", 20, new int[] {3, 7}, -12, 12, new double[0], n -> { }),
                unary("Tanh", "4-D, saturated tails", 21, new int[] {2, 3, 3, 4}, -5, 5, new double[0], n -> { }),
                unary("HardSwish", "2-D", 22, new int[] {3, 8}, -6, 6, new double[] {-3, 3}, n -> { }),
                unary("Identity", "4-D", 23, new int[] {2, 3, 2, 3}, -1, 1, new double[0], n -> { }),
                dropoutWithRatio(),
                dropoutWithMask(),
                unary("Cast", "float to float", 16, new int[] {2, 5}, -1, 1, new double[0], n -> n.attr("to", 1)),
                softmax("axis -1", 17, new int[] {2, 5}, -1),
                softmax("axis 1 of 3-D", 18, new int[] {2, 3, 4}, 1),
                softmax("axis 0", 19, new int[] {3, 4}, 0));
    }

    static GradientCase unary(String op, String config, long seed, int[] shape, double lo, double hi, double[] kinks,
            Consumer<NodeBuilder> attrs) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, shape);
        b.x(b.random().awayFrom(b.size(), lo, hi, MARGIN, kinks));
        attrs.accept(b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x").outputs("y"));
        return b.build();
    }

    /** Clip with min and max given as inputs ({@code ""} leaves one out), x in [-3, 9). */
    private static GradientCase clip(String config, long seed, String lo, String hi, float min, float max) {
        GradientCase.Builder b = GradientCase.of("Clip", config, seed, 2, 3, 4, 5);
        b.x(b.random().awayFrom(b.size(), -3, 9, MARGIN, min, max));
        if (!lo.isEmpty()) {
            b.model().initializer(lo, new float[] {min});
        }
        if (!hi.isEmpty()) {
            b.model().initializer(hi, new float[] {max});
        }
        NodeBuilder n = b.model().node("Clip").name("clip").outputs("y");
        if (hi.isEmpty()) {
            n.inputs(lo.isEmpty() ? new String[] {"x"} : new String[] {"x", lo});
        } else {
            n.inputs("x", lo, hi);
        }
        return b.build();
    }

    /**
     * ReLU with every 25th input within 1e-7 of 0, inside the finite-difference step (1e-6): the
     * check must detect and skip exactly those, and still compare the rest.
     */
    private static GradientCase reluAtTheKink() {
        GradientCase.Builder b = GradientCase.of("Relu", "4% of inputs within 1e-7 of the kink", 31, 2, 3, 5, 5);
        float[] x = b.random().awayFrom(b.size(), -1, 1, MARGIN, 0);
        for (int i = 0; i < x.length; i += 25) {
            x[i] = (i / 25) % 2 == 0 ? 5e-8f : -5e-8f;
        }
        b.x(x).placedNearKinks();
        b.model().node("Relu").name("relu").inputs("x").outputs("y");
        return b.build();
    }

    /** ReLU6 with some inputs a float32 ulp or two from 0 and from 6. */
    private static GradientCase clipAtTheBounds() {
        GradientCase.Builder b = GradientCase.of("Clip", "ReLU6 with inputs next to 0 and 6", 32, 2, 3, 4, 5);
        float[] x = b.random().awayFrom(b.size(), -3, 9, MARGIN, 0, 6);
        for (int i = 0; i < x.length; i += 40) {
            x[i] = Math.nextUp(6f);
            x[i + 1] = Math.nextDown(6f);
            x[i + 2] = Math.nextUp(0f) * 1000;
        }
        b.x(x).placedNearKinks();
        b.model().initializer("lo", new float[] {0}).initializer("hi", new float[] {6});
        b.model().node("Clip").name("relu6").inputs("x", "lo", "hi").outputs("y");
        return b.build();
    }

    /** Dropout-13 in inference: ratio is an input, training_mode absent (false). */
    private static GradientCase dropoutWithRatio() {
        GradientCase.Builder b = GradientCase.of("Dropout", "inference, ratio input 0.3", 14, 2, 6);
        b.model().initializer("ratio", new float[] {0.3f});
        b.model().node("Dropout").name("dropout").inputs("x", "ratio").outputs("y");
        return b.build();
    }

    private static GradientCase dropoutWithMask() {
        GradientCase.Builder b = GradientCase.of("Dropout", "with mask output", 15, 2, 3, 4);
        b.model().node("Dropout").name("dropout").inputs("x").outputs("y", "mask");
        return b.build();
    }

    private static GradientCase softmax(String config, long seed, int[] shape, long axis) {
        GradientCase.Builder b = GradientCase.of("Softmax", config, seed, shape);
        b.x(b.random().uniform(b.size(), -3, 3));
        b.model().node("Softmax").name("softmax").inputs("x").outputs("y").attr("axis", axis);
        return b.build();
    }
}
