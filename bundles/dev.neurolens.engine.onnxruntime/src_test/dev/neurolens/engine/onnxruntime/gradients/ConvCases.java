package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.NodeBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Conv in the configurations its VJP must get right: strides with odd and even sizes, windows
 * that leave the last rows unused, asymmetric pads, dilation, groups (incl. depthwise), every
 * auto_pad — equal 2-D strides take the polyphase Conv, unequal strides and 1-D/3-D the
 * ConvTranspose with chosen pads and output_padding.
 */
final class ConvCases {
    private ConvCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                conv("k3 s1 p1 bias", 1, new int[] {2, 3, 6, 6}, new int[] {4, 3, 3, 3}, true,
                        n -> n.ints("pads", 1, 1, 1, 1)),
                conv("k3 s2 p1 odd 7x7", 2, new int[] {2, 3, 7, 7}, new int[] {4, 3, 3, 3}, true,
                        n -> n.ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)),
                conv("k3 s2 p1 even 8x8", 3, new int[] {2, 3, 8, 8}, new int[] {4, 3, 3, 3}, false,
                        n -> n.ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)),
                conv("k3 s2 p0 8x8 last row unused", 4, new int[] {1, 2, 8, 8}, new int[] {3, 2, 3, 3}, false,
                        n -> n.ints("strides", 2, 2)),
                conv("k2 s2 p0 6x6 tiling", 5, new int[] {1, 2, 6, 6}, new int[] {3, 2, 2, 2}, false,
                        n -> n.ints("strides", 2, 2)),
                conv("k3 s3 p1 8x7", 6, new int[] {1, 2, 8, 7}, new int[] {2, 2, 3, 3}, false,
                        n -> n.ints("strides", 3, 3).ints("pads", 1, 1, 1, 1)),
                conv("asymmetric pads 0,1,2,0 s2", 7, new int[] {1, 2, 7, 6}, new int[] {3, 2, 3, 3}, true,
                        n -> n.ints("strides", 2, 2).ints("pads", 0, 1, 2, 0)),
                conv("dilation 2 p2", 8, new int[] {1, 2, 7, 7}, new int[] {3, 2, 3, 3}, false,
                        n -> n.ints("dilations", 2, 2).ints("pads", 2, 2, 2, 2)),
                conv("dilation 2,1 stride 1,2 k3x2", 9, new int[] {1, 2, 8, 7}, new int[] {2, 2, 3, 2}, false,
                        n -> n.ints("dilations", 2, 1).ints("strides", 1, 2).ints("pads", 1, 0, 1, 1)),
                conv("dilation 2 stride 2 p1 odd", 10, new int[] {1, 2, 9, 9}, new int[] {2, 2, 3, 3}, false,
                        n -> n.ints("dilations", 2, 2).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)),
                conv("group 2", 11, new int[] {1, 4, 5, 5}, new int[] {6, 2, 3, 3}, true,
                        n -> n.attr("group", 2).ints("pads", 1, 1, 1, 1)),
                conv("depthwise s2 p1", 12, new int[] {2, 3, 6, 6}, new int[] {3, 1, 3, 3}, true,
                        n -> n.attr("group", 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)),
                conv("depthwise multiplier 2", 13, new int[] {1, 2, 5, 5}, new int[] {4, 1, 3, 3}, false,
                        n -> n.attr("group", 2).ints("pads", 1, 1, 1, 1)),
                conv("auto_pad SAME_UPPER s2 7x7", 14, new int[] {1, 2, 7, 7}, new int[] {3, 2, 3, 3}, false,
                        n -> n.attr("auto_pad", "SAME_UPPER").ints("strides", 2, 2)),
                conv("auto_pad SAME_LOWER s2 8x8", 15, new int[] {1, 2, 8, 8}, new int[] {3, 2, 3, 3}, false,
                        n -> n.attr("auto_pad", "SAME_LOWER").ints("strides", 2, 2)),
                conv("auto_pad SAME_UPPER k2 odd pad", 16, new int[] {1, 2, 5, 6}, new int[] {2, 2, 2, 2}, false,
                        n -> n.attr("auto_pad", "SAME_UPPER")),
                conv("auto_pad SAME_LOWER k2 odd pad", 17, new int[] {1, 2, 5, 6}, new int[] {2, 2, 2, 2}, false,
                        n -> n.attr("auto_pad", "SAME_LOWER")),
                conv("auto_pad VALID s2 7x8", 18, new int[] {1, 2, 7, 8}, new int[] {2, 2, 3, 3}, false,
                        n -> n.attr("auto_pad", "VALID").ints("strides", 2, 2)),
                conv("1x1 s2", 19, new int[] {1, 3, 5, 5}, new int[] {2, 3, 1, 1}, true,
                        n -> n.ints("strides", 2, 2)),
                conv("1-D k3 s2 p1", 20, new int[] {2, 3, 9}, new int[] {2, 3, 3}, true,
                        n -> n.ints("strides", 2).ints("pads", 1, 1)),
                conv("3-D k3 s2 p1", 21, new int[] {1, 2, 5, 5, 4}, new int[] {2, 2, 3, 3, 3}, false,
                        n -> n.ints("strides", 2, 2, 2).ints("pads", 1, 1, 1, 1, 1, 1)));
    }

    static GradientCase conv(String config, long seed, int[] x, int[] w, boolean bias, Consumer<NodeBuilder> attrs) {
        GradientCase.Builder b = GradientCase.of("Conv", config, seed, x);
        int fanIn = Arrays.stream(w).skip(1).reduce(1, (p, q) -> p * q);
        int count = w[0] * fanIn;
        b.model().initializer("w", b.random().he(count, fanIn), Arrays.stream(w).asLongStream().toArray());
        NodeBuilder n = b.model().node("Conv").name("conv").outputs("y");
        if (bias) {
            b.model().initializer("b", b.random().uniform(w[0], -0.5, 0.5), w[0]);
            n.inputs("x", "w", "b");
        } else {
            n.inputs("x", "w");
        }
        attrs.accept(n);
        return b.build();
    }
}
