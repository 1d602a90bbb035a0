package dev.neurolens.attribution.support;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;

/**
 * The explained class of each image of a batch and its logit: {@link Target#PREDICTED} is the
 * argmax of that image's logits, a fixed index must be below the number of classes.
 *
 * @param classes the explained class per image
 * @param logits the model's output for the batch, {@code [N, classes]} (or any shape with the
 *     batch first: each row is flattened)
 */
public record Targets(int[] classes, Tensor logits) {

    /** Compact constructor: copies. */
    public Targets {
        classes = classes.clone();
    }

    /**
     * Runs the model once on {@code batch} and chooses the classes.
     *
     * @throws NeuroLensException if a fixed class is out of range
     */
    public static Targets resolve(LoadedModel model, Tensor batch, Target target) {
        return choose(model.predict(batch), target);
    }

    /**
     * Chooses the classes from known logits.
     *
     * @throws NeuroLensException if a fixed class is out of range
     */
    public static Targets choose(Tensor logits, Target target) {
        int n = logits.dim(0);
        int classes = rowSize(logits);
        if (!target.isPredicted() && target.classIndex() >= classes) {
            throw new NeuroLensException("target class " + target.classIndex() + " is out of range: the model has "
                    + classes + " classes (0 to " + (classes - 1) + ")");
        }
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = target.isPredicted() ? logits.slice(i).argMax() : target.classIndex();
        }
        return new Targets(chosen, logits);
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** The explained class of image {@code i}. */
    public int classOf(int i) {
        return classes[i];
    }

    /** The explained logit of image {@code i}. */
    public float score(int i) {
        return logits.get(i * rowSize(logits) + classes[i]);
    }

    /** The label of image {@code i}'s class, or {@code ""} if the model has no labels. */
    public String label(int i, Preprocessing pre) {
        return pre.label(classes[i]).orElse("");
    }

    /** The shape of one row of the logits (without the batch axis). */
    public int[] rowShape() {
        int[] s = logits.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    /** One-hot seeds for images {@code from} (inclusive) to {@code to} (exclusive). */
    public Tensor seed(int from, int to) {
        int[] rows = new int[to - from];
        System.arraycopy(classes, from, rows, 0, rows.length);
        return oneHot(rows, rowShape());
    }

    /** {@code rows} one-hot seed rows, all for image {@code i}'s class (for steps or samples of one image). */
    public Tensor seedRepeated(int i, int rows) {
        double[] ones = new double[rows];
        java.util.Arrays.fill(ones, 1);
        return seedWeighted(i, ones);
    }

    /**
     * Seed rows for image {@code i}'s class scaled by {@code weights} (row {@code r} is
     * {@code weights[r]} times the one-hot): the backward pass is linear in its seed, so a pass
     * summed over the batch returns {@code Σ_r weights[r] ∇y_c(x_r)}.
     */
    public Tensor seedWeighted(int i, double[] weights) {
        int[] shape = rowShape();
        int each = (int) Tensor.elementCount(shape);
        float[] v = new float[weights.length * each];
        for (int r = 0; r < weights.length; r++) {
            v[r * each + classes[i]] = (float) weights[r];
        }
        return Tensor.wrap(v, withRows(weights.length, shape));
    }

    /**
     * One-hot rows: a 1 at {@code classes[r]} (a flat index into one row) of row {@code r}.
     *
     * @param rowShape the shape of one row, e.g. {@code [10]}
     */
    public static Tensor oneHot(int[] classes, int[] rowShape) {
        int each = (int) Tensor.elementCount(rowShape);
        float[] v = new float[classes.length * each];
        for (int r = 0; r < classes.length; r++) {
            v[r * each + classes[r]] = 1f;
        }
        return Tensor.wrap(v, withRows(classes.length, rowShape));
    }

    /** {@code [rows, rowShape...]}. */
    private static int[] withRows(int rows, int[] rowShape) {
        int[] shape = new int[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }

    private static int rowSize(Tensor logits) {
        return logits.size() / Math.max(1, logits.dim(0));
    }
}
