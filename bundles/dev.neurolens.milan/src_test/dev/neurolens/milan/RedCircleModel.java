package dev.neurolens.milan;

import dev.neurolens.graph.build.ModelBuilder;
import java.nio.file.Path;

/**
 * A hand-built ONNX model whose layer {@code units} has three channels with known meanings, on
 * 64x64 RGB images scaled to [0, 1] (the generator's colours, {@code docs/broden.md}):
 *
 * <ol start="0">
 *   <li><b>red circles</b>: the redness of the pixels of red regions that contain a disk of radius
 *       {@value #RADIUS} px and are surrounded by a mostly non-red ring (radius {@value #RING_IN}
 *       to {@value #RING_OUT} px, at least 60 % of it inside the image not red): a morphological
 *       opening of the red mask, seeded only at isolated blobs. With objects of circumradius
 *       0.24..0.27 of the image height (15.4..17.3 px), only circles contain such a disk (a
 *       square's inradius is at most 12.2 px; triangles', stars', crosses' are smaller; hexagons,
 *       ellipses and rings are left out of the test scenes), and the ring test rules out red
 *       backgrounds;
 *   <li><b>red</b>: the redness {@code R - 2G - B} (in 8-bit units: at least 75 for the painted red,
 *       at most 20 for every other colour, jitter and noise included);
 *   <li><b>constant</b>: 1 everywhere, a unit that fires on everything equally.
 * </ol>
 */
final class RedCircleModel {
    static final double RADIUS = 13.5;
    static final double RING_IN = 19;
    static final double RING_OUT = 21;
    static final String LAYER = "units";

    private RedCircleModel() {
    }

    static Path write(Path file) {
        int k = 2 * (int) Math.ceil(RADIUS) + 1;
        float[] disk = ring(k, 0, RADIUS);
        int count = count(disk);
        float[] erode = disk.clone();
        for (int i = 0; i < erode.length; i++) {
            erode[i] *= 2; // 2 * count where the disk is all red, <= 2 * count - 2 elsewhere
        }
        int kr = 2 * (int) Math.ceil(RING_OUT) + 1;
        float[] ring = ring(kr, RING_IN, RING_OUT);
        int ringCount = count(ring);
        float[] isolate = ring.clone();
        float scale = 1f / (0.1f * ringCount);
        for (int i = 0; i < isolate.length; i++) {
            isolate[i] *= scale; // (non-red ring pixels - 0.5 A) / 0.1 A: >= 1 from 60 % of the ring on
        }
        long pad = k / 2;
        long ringPad = kr / 2;
        return new ModelBuilder("red-circles")
                .input("x", -1, 3, 64, 64)
                .initializer("w_redness", new float[] {1, -2, -1}, 1, 3, 1, 1)
                // (R - 2G - B - 40/255) * 255/30: the painted red -> >= 1, every other colour -> <= 0
                .initializer("w_red", new float[] {8.5f, -17f, -8.5f}, 1, 3, 1, 1)
                .initializer("b_red", new float[] {-40f / 30f}, 1)
                .initializer("w_erode", erode, 1, 1, k, k)
                .initializer("b_erode", new float[] {-(2f * count - 1)}, 1)
                .initializer("w_ring", isolate, 1, 1, kr, kr)
                .initializer("b_ring", new float[] {-5f}, 1)
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
                .node("Sub").inputs("one", "red").outputs("not_red").model()
                .node("Conv").inputs("not_red", "w_ring", "b_ring").outputs("ring_raw")
                .ints("pads", ringPad, ringPad, ringPad, ringPad).model()
                .node("Clip").inputs("ring_raw", "zero", "one").outputs("isolated").model()
                .node("Mul").inputs("core", "isolated").outputs("seed").model()
                .node("Conv").inputs("seed", "w_dilate").outputs("opened_raw").ints("pads", pad, pad, pad, pad).model()
                .node("Clip").inputs("opened_raw", "zero", "one").outputs("opened").model()
                .node("Mul").inputs("opened", "redness").outputs("red_circles").model()
                .node("Conv").inputs("x", "w_const", "b_const").outputs("constant").model()
                .node("Concat").inputs("red_circles", "redness", "constant").outputs(LAYER).attr("axis", 1L).model()
                .output(LAYER, -1, 3, 64, 64)
                .write(file);
    }

    /** A {@code k x k} kernel of ones at distances {@code inner..outer} from the centre. */
    private static float[] ring(int k, double inner, double outer) {
        float[] w = new float[k * k];
        int c = k / 2;
        for (int y = 0; y < k; y++) {
            for (int x = 0; x < k; x++) {
                double d2 = (x - c) * (x - c) + (y - c) * (y - c);
                if (d2 <= outer * outer && d2 >= inner * inner) {
                    w[y * k + x] = 1;
                }
            }
        }
        return w;
    }

    private static int count(float[] w) {
        int n = 0;
        for (float v : w) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }
}
