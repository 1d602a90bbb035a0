package dev.neurolens.attribution;

import dev.neurolens.attribution.support.ImageGeometry;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reference input {@code x′} of Integrated Gradients, in model-input space (after
 * preprocessing):
 * <ul>
 * <li>{@code zero}: the all-zero input tensor (Captum's default);</li>
 * <li>{@code black}: a black image, i.e. pixel 0 preprocessed: {@code (0 − mean_c)/std_c};</li>
 * <li>{@code blur}: the input blurred by a Gaussian of {@code blur-sigma} pixels per channel
 *     (separable, mirrored edges as scipy's {@code gaussian_filter} mode {@code reflect},
 *     truncated at 4σ), after Sturmfels et al., "Visualizing the Impact of Feature Attribution
 *     Baselines", Distill 2020;</li>
 * <li>{@code uniform}: uniformly random pixels in [0,255] preprocessed, seeded by {@code seed};</li>
 * <li>{@code file:PATH}: a {@code .npy} tensor of one input's shape (or with a batch axis of 1 or
 *     of the batch's size).</li>
 * </ul>
 */
sealed interface Baseline {

    /** The names of the choices, for messages. */
    String CHOICES = "zero, black, blur, uniform, file:<path.npy>";

    /**
     * The baseline for image {@code i} of {@code batch}.
     *
     * @param rng seeded per image by the caller
     */
    Tensor of(Tensor batch, int i, ImageGeometry g, Preprocessing pre, SplittableRandom rng);

    /**
     * Parses a baseline specification.
     *
     * @throws NeuroLensException naming the valid choices
     */
    static Baseline parse(String spec, double blurSigma) {
        return switch (spec) {
            case "zero" -> new Zero();
            case "black" -> new Black();
            case "blur" -> new Blur(blurSigma);
            case "uniform" -> new Uniform();
            default -> {
                if (spec.startsWith("file:") && spec.length() > 5) {
                    yield new FromFile(Path.of(spec.substring(5)).toAbsolutePath().normalize());
                }
                throw new NeuroLensException("method integrated-gradients: baseline must be one of " + CHOICES
                        + "; got '" + spec + "'");
            }
        };
    }

    /** The all-zero tensor. */
    record Zero() implements Baseline {
        @Override
        public Tensor of(Tensor batch, int i, ImageGeometry g, Preprocessing pre, SplittableRandom rng) {
            return Tensor.zeros(g.shape());
        }
    }

    /** A black image, preprocessed. */
    record Black() implements Baseline {
        @Override
        public Tensor of(Tensor batch, int i, ImageGeometry g, Preprocessing pre, SplittableRandom rng) {
            float[] v = new float[g.size()];
            float[] mean = pre.mean();
            float[] std = pre.std();
            for (int c = 0; c < g.channels(); c++) {
                float black = (0f - mean[c % mean.length]) / std[c % std.length];
                for (int y = 0; y < g.height(); y++) {
                    for (int x = 0; x < g.width(); x++) {
                        v[g.index(c, y, x)] = black;
                    }
                }
            }
            return Tensor.wrap(v, g.shape());
        }
    }

    /** Uniform random pixels, preprocessed. */
    record Uniform() implements Baseline {
        @Override
        public Tensor of(Tensor batch, int i, ImageGeometry g, Preprocessing pre, SplittableRandom rng) {
            float[] v = new float[g.size()];
            float[] mean = pre.mean();
            float[] std = pre.std();
            for (int c = 0; c < g.channels(); c++) {
                for (int y = 0; y < g.height(); y++) {
                    for (int x = 0; x < g.width(); x++) {
                        float pixel = (float) (rng.nextDouble() * 255.0);
                        v[g.index(c, y, x)] = (pixel / pre.scale() - mean[c % mean.length]) / std[c % std.length];
                    }
                }
            }
            return Tensor.wrap(v, g.shape());
        }
    }

    /**
     * The input blurred by a Gaussian.
     *
     * @param sigma the standard deviation in pixels
     */
    record Blur(double sigma) implements Baseline {
        @Override
        public Tensor of(Tensor batch, int i, ImageGeometry g, Preprocessing pre, SplittableRandom rng) {
            return GaussianBlur.blur(batch.slice(i), g, sigma);
        }
    }

    /**
     * A tensor from a {@code .npy} file.
     *
     * @param file the file
     */
    record FromFile(Path file) implements Baseline {
        @Override
        public Tensor of(Tensor batch, int i, ImageGeometry g, Preprocessing pre, SplittableRandom rng) {
            Tensor t = Npy.read(file);
            int[] item = g.shape();
            Tensor chosen;
            if (Arrays.equals(t.shape(), item)) {
                chosen = t;
            } else if (t.rank() == item.length + 1 && Arrays.equals(Arrays.copyOfRange(t.shape(), 1, t.rank()), item)
                    && (t.dim(0) == 1 || t.dim(0) == batch.dim(0))) {
                chosen = t.slice(t.dim(0) == 1 ? 0 : i);
            } else {
                throw new NeuroLensException("baseline " + file + " has shape " + t.shapeString() + "; expected "
                        + Arrays.toString(item) + " (one input) or [1 or " + batch.dim(0) + ", "
                        + Arrays.toString(item).substring(1));
            }
            if (chosen.firstNonFinite() >= 0) {
                throw new NeuroLensException("baseline " + file + " holds NaN or infinite values");
            }
            return chosen;
        }
    }
}
