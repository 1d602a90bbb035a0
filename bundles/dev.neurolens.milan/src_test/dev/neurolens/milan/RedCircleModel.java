package dev.neurolens.milan;

import dev.neurolens.graph.build.ModelBuilder;
import java.nio.file.Path;

/**
 * A hand-built ONNX model whose layer {@code units} has three channels with known meanings, on
 * 64x64 RGB images scaled to [0, 1] (the generator's colours, {@code docs/broden.md}):
 *
 * <ol start="0">
 *   <li><b>red circles</b>: the redness of the pixels of red regions that contain a disk of radius
 *       {@value #RADIUS} pixels (a morphological opening of the red mask). With objects of
 *       circumradius 0.24..0.27 of the image height (15.4..17.3 px), only circles contain such a
 *       disk: a square's inradius is at most 12.2 px, triangles', stars', crosses' are smaller
 *       (hexagons, ellipses and rings are left out of the test scenes);
 *   <li><b>red</b>: the redness {@code R - 2G - B} (in 8-bit units: at least 75 for the painted red,
 *       at most 20 for every other colour, jitter and noise included);
 *   <li><b>constant</b>: 1 everywhere, a unit that fires on everything equally.
 * </ol>
 */
final class RedCircleModel {
    static final double RADIUS = 13.5;
    static final String LAYER = "units";

    private RedCircleModel() {
    }

    static Path write(Path file) {
        float[] redness = {1, -2, -1};
        float[] scaled = {8.5f, -17f, -8.5f}; // (R - 2G - B - 40/255) * 255/30: red -> >= 1, others -> <= 0
        int k = 2 * (int) Math.ceil(RADIUS) + 1;
        float[] disk = new float[k * k];
        int count = 0;
        int c = k / 2;
        for (int y = 0; y < k; y++) {
            for (int x = 0; x < k; x++) {
                if ((x - c) * (x - c) + (y - c) * (y - c) <= RADIUS * RADIUS) {
                    disk[y * k + x] = 1;
                    count++;
                }
            }
        }
        float[] erode = disk.clone();
        for (int i = 0; i < erode.length; i++) {
            erode[i] *= 2; // 2 * count where the disk is all red, <= 2 * count - 2 elsewhere
        }
        long pad = c;
        return new ModelBuilder("red-circles")
                .input("x", -1, 3, 64, 64)
                .initializer("w_redness", redness, 1, 3, 1, 1)
                .initializer("w_red", scaled, 1, 3, 1, 1)
                .initializer("b_red", new float[] {-40f / 30f}, 1)
                .initializer("w_erode", erode, 1, 1, k, k)
                .initializer("b_erode", new float[] {-(2f * count - 1)}, 1)
                .initializer("w_dilate", disk, 1, 1, k, k)
                .initializer("w_const", new float[] {0, 0, 0}, 1, 3, 1, 1)
                .initializer("b_const", new float[] {1}, 1)
                .initializer("zero", new float[] {0})
                .initializer("one", new float[] {1})
                .node("Conv").inputs("x", "w_redness").outputs("redness").model()
                .node("Conv").inputs("x", "w_red", "b_red").outputs("red_raw").model()
                .node("Clip").inputs("red_raw", "zero", "one").outputs("red").model()
                .node("Conv").inputs("red", "w_erode", "b_erode").outputs("core_raw").ints("pads", pad, pad, pad, pad)
                .model()
                .node("Clip").inputs("core_raw", "zero", "one").outputs("core").model()
                .node("Conv").inputs("core", "w_dilate").outputs("opened_raw").ints("pads", pad, pad, pad, pad).model()
                .node("Clip").inputs("opened_raw", "zero", "one").outputs("opened").model()
                .node("Mul").inputs("opened", "redness").outputs("red_circles").model()
                .node("Conv").inputs("x", "w_const", "b_const").outputs("constant").model()
                .node("Concat").inputs("red_circles", "redness", "constant").outputs(LAYER).attr("axis", 1L).model()
                .output(LAYER, -1, 3, 64, 64)
                .write(file);
    }
}
