package dev.neurolens.evaluation;

import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.evaluation.stats.Trapezoid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The deletion and insertion curves of Petsiuk et al. (2018, RISE, section 4.1): pixels are taken
 * in the order of the map, most important first, in {@code steps} equal portions. Deletion starts
 * from the image and replaces the pixels (all channels) by {@code fill}; insertion starts from a
 * canvas of {@code fill} and puts the image's pixels back. After each portion the model scores the
 * target class ({@link ClassScorer}); the curve has {@code steps + 1} points, at fractions
 * {@code 0, 1/steps, …, 1} of the pixels. A faithful map makes the deletion score fall fast (low
 * area under the curve, AUC) and the insertion score rise fast (high AUC).
 *
 * <p>The fill is a constant in model-input space (0 by default: black for models that scale pixels
 * to [0,1] without a mean; Petsiuk et al. use 0 for deletion and a blurred image for insertion).
 * Ties in the map keep pixel order (a stable sort). All perturbed copies of several images go to the
 * engine in batches of {@code batch} rows.
 *
 * @param steps the number of portions (at least 1)
 * @param fill the value removed pixels get, in model-input space
 * @param batch rows per engine call
 * @param layout the input layout (where the channel axis is)
 */
public record PerturbationCurves(int steps, float fill, int batch, Layout layout) {

    /** Which curve. */
    public enum Kind {
        /** Remove the most important pixels first. */
        DELETION,
        /** Start from the fill and add the most important pixels first. */
        INSERTION
    }

    /** Checks the settings. */
    public PerturbationCurves {
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("steps and batch must be >= 1, got " + steps + " and " + batch);
        }
    }

    /**
     * The curves of several images: {@code curves[i][k]} is the score of {@code targets[i]} after
     * {@code k} of {@code steps} portions.
     *
     * @param inputs the images, each without the batch axis ({@code [C,H,W]} or {@code [H,W,C]})
     * @param maps the per-pixel maps {@code [H,W]} that order the pixels
     * @param targets the classes to score
     */
    public double[][] curves(Kind kind, List<Tensor> inputs, List<Tensor> maps, int[] targets, ClassScorer scorer) {
        int rowsPerImage = steps + 1;
        double[][] out = new double[inputs.size()][rowsPerImage];
        List<float[]> rows = new ArrayList<>();
        List<int[]> where = new ArrayList<>(); // {image, step}
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            float[] src = x.data();
            Integer[] order = order(maps.get(i));
            for (int k = 0; k <= steps; k++) {
                rows.add(perturbed(kind, src, order, (int) Math.round((double) k * order.length / steps)));
                where.add(new int[] {i, k});
                if (rows.size() == batch) {
                    flush(rows, where, x.shape(), targets, scorer, out);
                }
            }
        }
        if (!rows.isEmpty()) {
            flush(rows, where, inputs.get(0).shape(), targets, scorer, out);
        }
        return out;
    }

    /** The area under each curve, over the fraction of pixels in [0, 1] ({@link Trapezoid}). */
    public static double[] areas(double[][] curves) {
        return Arrays.stream(curves).mapToDouble(Trapezoid::area).toArray();
    }

    private static void flush(List<float[]> rows, List<int[]> where, int[] itemShape, int[] targets,
            ClassScorer scorer, double[][] out) {
        int per = rows.get(0).length;
        float[] data = new float[rows.size() * per];
        int[] t = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * per, per);
            t[r] = targets[where.get(r)[0]];
        }
        int[] shape = new int[itemShape.length + 1];
        shape[0] = rows.size();
        System.arraycopy(itemShape, 0, shape, 1, itemShape.length);
        double[] s = scorer.scores(Tensor.wrap(data, shape), t);
        for (int r = 0; r < rows.size(); r++) {
            out[where.get(r)[0]][where.get(r)[1]] = s[r];
        }
        rows.clear();
        where.clear();
    }

    /** Pixel indices by decreasing map value (stable for ties). */
    static Integer[] order(Tensor map) {
        Integer[] idx = new Integer[map.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> map.get(i)).reversed());
        return idx;
    }

    private float[] perturbed(Kind kind, float[] src, Integer[] order, int count) {
        int pixels = order.length;
        int channels = src.length / pixels;
        float[] v;
        if (kind == Kind.DELETION) {
            v = src.clone();
        } else {
            v = new float[src.length];
            Arrays.fill(v, fill);
        }
        for (int k = 0; k < count; k++) {
            int p = order[k];
            for (int c = 0; c < channels; c++) {
                int i = layout == Layout.NCHW ? c * pixels + p : p * channels + c;
                v[i] = kind == Kind.DELETION ? fill : src[i];
            }
        }
        return v;
    }
}
