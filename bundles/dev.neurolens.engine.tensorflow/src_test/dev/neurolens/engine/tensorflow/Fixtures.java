package dev.neurolens.engine.tensorflow;

import dev.neurolens.core.io.Npy;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.testing.Engine;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SavedModel fixtures of {@code models/tf/} (made by {@code tools/make_savedmodel_fixtures.py}). */
public final class Fixtures {
    static final String RESIDUAL = "tf_residual";
    static final String FLATTEN = "tf_flatten";

    private Fixtures() {
    }

    /** The SavedModel folder. */
    static Path savedModel(String name) {
        Path p = Engine.models().resolve("tf").resolve(name);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test SavedModel missing: " + p);
        }
        return p;
    }

    /** The torch-exported ONNX twin (same weights, NCHW input). */
    static Path twin(String name) {
        return Engine.models().resolve("tf").resolve(name + ".twin.onnx");
    }

    /** The reference input batch, NHWC {@code [4, 32, 32, 3]}. */
    static Tensor input(String name) {
        return Npy.read(Engine.models().resolve("tf").resolve(name + ".input.npy"));
    }

    /** The logits TensorFlow computed for {@link #input} when the fixture was made. */
    static Tensor logits(String name) {
        return Npy.read(Engine.models().resolve("tf").resolve(name + ".logits.npy"));
    }

    /** A batch {@code [n, h, w, c]} as {@code [n, c, h, w]}. */
    static Tensor toNchw(Tensor nhwc) {
        int n = nhwc.dim(0);
        int h = nhwc.dim(1);
        int w = nhwc.dim(2);
        int c = nhwc.dim(3);
        float[] out = new float[nhwc.size()];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        out[((b * c + k) * h + y) * w + x] = nhwc.at(b, y, x, k);
                    }
                }
            }
        }
        return Tensor.wrap(out, n, c, h, w);
    }

    /** A map {@code [h, w, c]} as {@code [c, h, w]}. */
    static Tensor hwcToChw(Tensor hwc) {
        return toNchw(hwc.reshape(1, hwc.dim(0), hwc.dim(1), hwc.dim(2))).reshape(hwc.dim(2), hwc.dim(0), hwc.dim(1));
    }

    /** max |a - b| / max |b|. */
    public static double relativeError(Tensor a, Tensor b) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < b.size(); i++) {
            worst = Math.max(worst, Math.abs(a.get(i) - b.get(i)));
            scale = Math.max(scale, Math.abs(b.get(i)));
        }
        return worst / Math.max(scale, 1e-30);
    }
}
