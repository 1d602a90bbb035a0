package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.GradientEstimate;
import java.util.Arrays;

/**
 * An engine gradient against a finite-difference one: the largest difference over the elements
 * that are not near a kink, relative to the largest finite-difference value (the ∞-norm of the
 * gradient), and how many elements were skipped.
 *
 * @param tensor the tensor the gradient is of
 * @param relativeError {@code ‖g − g_fd‖∞ / max(‖g_fd‖∞, tiny)} over the compared elements
 * @param worstIndex the flat index where the difference is largest
 * @param engineValue the engine's gradient there
 * @param referenceValue the finite difference there
 * @param scale {@code ‖g_fd‖∞}
 * @param skipped elements near a kink, not compared
 * @param total all elements
 */
record Comparison(String tensor, double relativeError, int worstIndex, double engineValue, double referenceValue,
        double scale, int skipped, int total) {

    /** Below this ∞-norm a gradient counts as zero, and absolute differences are compared. */
    static final double TINY = 1e-9;

    /**
     * Compares, skipping elements whose finite difference has an asymmetry above
     * {@code kinkThreshold · ‖g_fd‖∞} (a kink within the step makes the central difference off by
     * up to half the asymmetry).
     */
    static Comparison of(String tensor, Tensor engine, GradientEstimate fd, double kinkThreshold) {
        DoubleTensor ref = fd.central();
        if (!Arrays.equals(engine.shape(), ref.shape())) {
            throw new AssertionError("gradient of " + tensor + " has shape " + Arrays.toString(engine.shape())
                    + ", the tensor " + Arrays.toString(ref.shape()));
        }
        double scale = Math.max(ref.maxAbs(), TINY);
        boolean[] kink = fd.nearKink(kinkThreshold * scale);
        double worst = 0;
        int at = -1;
        int skipped = 0;
        for (int i = 0; i < ref.size(); i++) {
            if (kink[i]) {
                skipped++;
                continue;
            }
            double d = Math.abs(engine.get(i) - ref.get(i));
            if (d > worst || at < 0) {
                worst = d;
                at = i;
            }
        }
        return new Comparison(tensor, worst / scale, at, at < 0 ? Double.NaN : engine.get(at),
                at < 0 ? Double.NaN : ref.get(at), scale, skipped, ref.size());
    }

    /** One line for reports. */
    String describe() {
        return String.format("d/d%s: rel err %.2e (at %d: engine %.6g, fd %.6g; ||g_fd||inf %.3g), skipped %d/%d",
                tensor, relativeError, worstIndex, engineValue, referenceValue, scale, skipped, total);
    }
}
