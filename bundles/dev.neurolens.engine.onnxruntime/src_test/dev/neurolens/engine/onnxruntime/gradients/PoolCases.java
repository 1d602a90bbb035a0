package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.NodeBuilder;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pooling in the configurations its VJP must get right: overlapping windows, ceil_mode (incl. a
 * last window that hangs over the end), pads (symmetric, asymmetric, auto_pad), dilation and
 * count_include_pad. MaxPool inputs are pairwise distinct (a shuffled grid), so no window has a
 * tie and the gradient is unambiguous.
 */
final class PoolCases {
    private PoolCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                max("k2 s2 even 6x6", 1, new int[] {2, 3, 6, 6}, n -> n.ints("kernel_shape", 2, 2).ints("strides", 2, 2)),
                max("k2 s2 odd 7x7 floor", 2, new int[] {1, 2, 7, 7}, n -> n.ints("kernel_shape", 2, 2).ints("strides", 2, 2)),
                max("k2 s2 odd 7x7 ceil_mode", 3, new int[] {1, 2, 7, 7},
                        n -> n.ints("kernel_shape", 2, 2).ints("strides", 2, 2).attr("ceil_mode", 1)),
                max("k3 s2 p1 overlapping 8x8", 4, new int[] {2, 2, 8, 8},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)),
                max("k3 s2 p1 ceil_mode 7x7", 5, new int[] {1, 2, 7, 7},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).attr("ceil_mode", 1)),
                max("k3 s2 p1 ceil_mode 8x8", 6, new int[] {1, 2, 8, 8},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).attr("ceil_mode", 1)),
                max("k3 s2 p0 ceil_mode 6x6 overhang", 7, new int[] {1, 2, 6, 6},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("ceil_mode", 1)),
                max("k3 s1 p1", 8, new int[] {1, 2, 5, 5},
                        n -> n.ints("kernel_shape", 3, 3).ints("pads", 1, 1, 1, 1)),
                max("k2 dilation 2", 9, new int[] {1, 2, 6, 7}, n -> n.ints("kernel_shape", 2, 2).ints("dilations", 2, 2)),
                max("k3 s2 dilation 2 p2 ceil_mode", 10, new int[] {1, 1, 9, 8},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("dilations", 2, 2)
                                .ints("pads", 2, 2, 2, 2).attr("ceil_mode", 1)),
                max("asymmetric pads 1,0,0,1 k2 s2", 11, new int[] {1, 2, 5, 6},
                        n -> n.ints("kernel_shape", 2, 2).ints("strides", 2, 2).ints("pads", 1, 0, 0, 1)),
                max("auto_pad SAME_UPPER k3 s2 7x7", 12, new int[] {1, 2, 7, 7},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("auto_pad", "SAME_UPPER")),
                max("auto_pad SAME_LOWER k2 s1", 13, new int[] {1, 2, 5, 5},
                        n -> n.ints("kernel_shape", 2, 2).attr("auto_pad", "SAME_LOWER")),
                max("1-D k3 s2 p1", 14, new int[] {2, 3, 9}, n -> n.ints("kernel_shape", 3).ints("strides", 2).ints("pads", 1, 1)),
                maxWithIndices(),
                maxNearTies(),
                average("k2 s2 6x6", 21, new int[] {2, 3, 6, 6}, n -> n.ints("kernel_shape", 2, 2).ints("strides", 2, 2)),
                average("k3 s2 p1 7x7 exclude pad", 22, new int[] {1, 2, 7, 7},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)),
                average("k3 s2 p1 7x7 count_include_pad", 23, new int[] {1, 2, 7, 7},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
                                .attr("count_include_pad", 1)),
                average("k3 s2 p1 ceil_mode 8x8", 24, new int[] {1, 2, 8, 8},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).attr("ceil_mode", 1)),
                average("k3 s2 p0 ceil_mode 6x6 overhang", 25, new int[] {1, 2, 6, 6},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("ceil_mode", 1)),
                average("k3 s2 p1 ceil_mode count_include_pad 8x8", 26, new int[] {1, 2, 8, 8},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
                                .attr("ceil_mode", 1).attr("count_include_pad", 1)),
                average("k3 s1 p1 overlapping", 27, new int[] {1, 2, 5, 5},
                        n -> n.ints("kernel_shape", 3, 3).ints("pads", 1, 1, 1, 1)),
                average("asymmetric pads 0,1,1,0 k2 s2", 28, new int[] {1, 2, 5, 5},
                        n -> n.ints("kernel_shape", 2, 2).ints("strides", 2, 2).ints("pads", 0, 1, 1, 0)),
                average("auto_pad SAME_UPPER k3 s2", 29, new int[] {1, 2, 7, 6},
                        n -> n.ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("auto_pad", "SAME_UPPER")),
                average("1-D k2 s2 p1", 30, new int[] {2, 3, 7}, n -> n.ints("kernel_shape", 2).ints("strides", 2).ints("pads", 1, 1)),
                global("4-D", 41, new int[] {2, 3, 5, 4}),
                global("3-D", 42, new int[] {2, 3, 7}),
                reduceMean("axes 2,3 keepdims", 43, new int[] {2, 3, 4, 5}, true, 2, 3),
                reduceMean("axis 1 no keepdims", 44, new int[] {2, 3, 4}, false, 1));
    }

    private static GradientCase max(String config, long seed, int[] x, Consumer<NodeBuilder> attrs) {
        GradientCase.Builder b = GradientCase.of("MaxPool", config, seed, x);
        b.x(b.random().distinct(b.size(), -1, 1));
        attrs.accept(b.model().node("MaxPool").name("pool").inputs("x").outputs("y"));
        return b.build();
    }

    /** A MaxPool that also outputs its Indices (unused downstream): only Y carries a gradient. */
    private static GradientCase maxWithIndices() {
        GradientCase.Builder b = GradientCase.of("MaxPool", "k2 s2 with Indices output", 15, 1, 2, 6, 6);
        b.x(b.random().distinct(b.size(), -1, 1));
        b.model().node("MaxPool").name("pool").inputs("x").outputs("y", "indices").ints("kernel_shape", 2, 2)
                .ints("strides", 2, 2);
        return b.build();
    }

    /**
     * MaxPool where some windows hold two values one float32 ulp apart: ONNX Runtime sees no tie,
     * but the finite-difference step crosses it, so the check must skip those elements.
     */
    private static GradientCase maxNearTies() {
        GradientCase.Builder b = GradientCase.of("MaxPool", "k2 s2 with near ties (1 ulp)", 16, 1, 2, 6, 6);
        float[] x = b.random().distinct(b.size(), -1, 1);
        for (int row = 0; row < 6; row += 4) { // windows (0, 0) and (2, 0) of channel 0: a maximum and its runner-up
            int at = row * 6;
            x[at] = 1.5f;
            x[at + 1] = Math.nextDown(1.5f);
        }
        b.x(x).placedNearKinks();
        b.model().node("MaxPool").name("pool").inputs("x").outputs("y").ints("kernel_shape", 2, 2).ints("strides", 2, 2);
        return b.build();
    }

    private static GradientCase average(String config, long seed, int[] x, Consumer<NodeBuilder> attrs) {
        GradientCase.Builder b = GradientCase.of("AveragePool", config, seed, x);
        attrs.accept(b.model().node("AveragePool").name("pool").inputs("x").outputs("y"));
        return b.build();
    }

    private static GradientCase global(String config, long seed, int[] x) {
        GradientCase.Builder b = GradientCase.of("GlobalAveragePool", config, seed, x);
        b.model().node("GlobalAveragePool").name("gap").inputs("x").outputs("y");
        return b.build();
    }

    private static GradientCase reduceMean(String config, long seed, int[] x, boolean keep, long... axes) {
        GradientCase.Builder b = GradientCase.of("ReduceMean", config, seed, x);
        b.model().node("ReduceMean").name("mean").inputs("x").outputs("y").ints("axes", axes).attr("keepdims", keep ? 1 : 0);
        return b.build();
    }
}
