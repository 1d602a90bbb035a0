package dev.neurolens.evaluation;

import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.evaluation.stats.SpearmanCorrelation;
import dev.neurolens.evaluation.stats.Ssim;
import java.util.Arrays;
import java.util.List;

/**
 * How similar two sets of maps are, as Adebayo et al. (2018) compare a model's maps with those of
 * its randomized copy: both maps of an image are taken as absolute values scaled to [0, 1]
 * ({@link PixelMaps#absNormalized}); Spearman's rank correlation and SSIM (data range 1) are
 * computed per image and averaged over the images. (Adebayo et al. report the absolute-value and
 * the signed variant; NeuroLens reports the absolute one. Spearman's ρ does not depend on the
 * scaling, only on the ranks of the absolute values.)
 *
 * @param spearman the mean rank correlation
 * @param ssim the mean structural similarity
 */
public record Similarity(double spearman, double ssim) {

    /**
     * The mean similarity of {@code a.get(i)} and {@code b.get(i)}.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty, or a pair differs in shape
     */
    public static Similarity of(List<Tensor> a, List<Tensor> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("need two equally long, non-empty lists of maps, got " + a.size()
                    + " and " + b.size());
        }
        double rho = 0;
        double ssim = 0;
        for (int i = 0; i < a.size(); i++) {
            Tensor x = a.get(i);
            Tensor y = b.get(i);
            if (x.rank() != 2 || !Arrays.equals(x.shape(), y.shape())) {
                throw new IllegalArgumentException("maps of image " + i + " differ: " + x.shapeString() + " and "
                        + y.shapeString());
            }
            float[] nx = PixelMaps.absNormalized(x);
            float[] ny = PixelMaps.absNormalized(y);
            rho += SpearmanCorrelation.of(nx, ny);
            ssim += Ssim.of(nx, ny, x.dim(0), x.dim(1), 1.0);
        }
        return new Similarity(rho / a.size(), ssim / a.size());
    }
}
