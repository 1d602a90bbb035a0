package dev.neurolens.engine.onnxruntime.gradients;

import java.util.List;

/**
 * Resize in modes nearest and linear, up and down, with scales or sizes, under the coordinate
 * transformations exporters use (half_pixel, asymmetric, align_corners, pytorch_half_pixel).
 */
final class ResizeCases {
    private ResizeCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                scales("nearest asymmetric x2", 1, new int[] {2, 2, 3, 3}, new float[] {1, 1, 2, 2}, "nearest", "asymmetric"),
                scales("nearest half_pixel x3 x2", 2, new int[] {1, 2, 2, 3}, new float[] {1, 1, 3, 2}, "nearest",
                        "half_pixel"),
                sizes("nearest half_pixel 4x5 to 6x7", 3, new int[] {1, 2, 4, 5}, new long[] {1, 2, 6, 7}, "nearest",
                        "half_pixel"),
                sizes("nearest half_pixel downsample 6x6 to 3x4", 4, new int[] {1, 2, 6, 6}, new long[] {1, 2, 3, 4},
                        "nearest", "half_pixel"),
                scales("linear half_pixel x2", 5, new int[] {2, 2, 3, 4}, new float[] {1, 1, 2, 2}, "linear", "half_pixel"),
                sizes("linear align_corners 4x3 to 7x5", 6, new int[] {1, 2, 4, 3}, new long[] {1, 2, 7, 5}, "linear",
                        "align_corners"),
                scales("linear asymmetric x2", 7, new int[] {1, 2, 3, 3}, new float[] {1, 1, 2, 2}, "linear", "asymmetric"),
                sizes("linear pytorch_half_pixel 3x3 to 5x6", 8, new int[] {1, 2, 3, 3}, new long[] {1, 2, 5, 6}, "linear",
                        "pytorch_half_pixel"),
                sizes("linear half_pixel downsample 6x6 to 3x3", 9, new int[] {1, 2, 6, 6}, new long[] {1, 2, 3, 3},
                        "linear", "half_pixel"));
    }

    private static GradientCase scales(String config, long seed, int[] x, float[] scales, String mode, String transform) {
        GradientCase.Builder b = GradientCase.of("Resize", config, seed, x);
        b.model().initializer("scales", scales, scales.length);
        b.model().node("Resize").name("resize").inputs("x", "", "scales").outputs("y").attr("mode", mode)
                .attr("coordinate_transformation_mode", transform);
        return b.build();
    }

    private static GradientCase sizes(String config, long seed, int[] x, long[] sizes, String mode, String transform) {
        GradientCase.Builder b = GradientCase.of("Resize", config, seed, x);
        b.model().int64Vector("sizes", sizes);
        b.model().node("Resize").name("resize").inputs("x", "", "", "sizes").outputs("y").attr("mode", mode)
                .attr("coordinate_transformation_mode", transform);
        return b.build();
    }
}
