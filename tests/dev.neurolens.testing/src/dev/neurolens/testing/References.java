package dev.neurolens.testing;

import dev.neurolens.core.io.Npy;
import dev.neurolens.core.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Attributions of the bundled ResNet-20 on the chelsea input computed by an independent PyTorch
 * implementation of each method ({@code tools/torch_reference_attributions.py}: Captum's,
 * pytorch-grad-cam's and Zennit's equations over a small torch interpreter of the ONNX graph), kept
 * as {@code .npy} files under {@code tests/dev.neurolens.testing/reference/} (see its README for
 * their provenance). The methods' tests compare with them, so "agrees with Captum" is checked on
 * every build, not once by hand.
 */
public final class References {
    private References() {
    }

    /** The folder of the chelsea references, next to the bundled models folder. */
    public static Path folder() {
        return Engine.models().resolveSibling(Path.of("tests", "dev.neurolens.testing", "reference",
                "resnet20_cifar10.chelsea"));
    }

    /** The reference attribution {@code name} (the file name without {@code .npy}). */
    public static Tensor load(String name) {
        Path file = folder().resolve(name + ".npy");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("reference missing: " + file);
        }
        return Npy.read(file);
    }

    /**
     * Asserts that {@code actual} has the reference's shape and that
     * {@code max |actual − reference| ≤ relative · max |reference|}; prints the observed ratio
     * (the build log then shows how close each method is).
     *
     * @return the observed {@code max |actual − reference| / max |reference|}, for the test's log
     * @throws AssertionError naming the reference, the worst element and both values
     */
    public static double assertAgrees(String name, Tensor actual, double relative) {
        Tensor ref = load(name);
        if (!Arrays.equals(ref.shape(), actual.shape())) {
            throw new AssertionError(name + ": shape " + actual.shapeString() + ", reference " + ref.shapeString());
        }
        double scale = 0;
        for (int i = 0; i < ref.size(); i++) {
            scale = Math.max(scale, Math.abs(ref.get(i)));
        }
        if (scale == 0) {
            throw new AssertionError(name + ": the reference is all zeros; it cannot tell methods apart");
        }
        double worst = -1;
        int at = 0;
        for (int i = 0; i < ref.size(); i++) {
            double d = Math.abs(actual.get(i) - ref.get(i));
            if (!(d <= worst)) { // NaN is worst
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                at = i;
            }
        }
        double observed = worst / scale;
        if (!(observed <= relative)) {
            throw new AssertionError(String.format("%s: max |difference| %.3g at element %d (%s vs reference %s) is "
                    + "%.3g of max |reference| %.3g; allowed %.3g", name, worst, at, actual.get(at), ref.get(at),
                    observed, scale, relative));
        }
        System.out.printf("reference %-36s max |diff| / max |ref| = %.2e (allowed %.0e)%n", name, observed, relative);
        return observed;
    }
}
