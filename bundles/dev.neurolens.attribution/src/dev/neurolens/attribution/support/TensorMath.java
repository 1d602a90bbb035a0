package dev.neurolens.attribution.support;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Element-wise arithmetic and batch slicing on {@link Tensor}s, in float32 as engines compute. */
public final class TensorMath {
    private TensorMath() {
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the leading axis. */
    public static Tensor rows(Tensor t, int from, int to) {
        int each = t.size() / Math.max(1, t.dim(0));
        float[] v = new float[(to - from) * each];
        t.buffer().get(from * each, v, 0, v.length);
        int[] s = t.shape();
        s[0] = to - from;
        return Tensor.wrap(v, s);
    }

    /** {@code n} copies of {@code item} along a new leading axis. */
    public static Tensor repeat(Tensor item, int n) {
        return Tensor.stack(java.util.Collections.nCopies(n, item));
    }

    /** Concatenates tensors along the leading axis. */
    public static Tensor concat(List<Tensor> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int[] s = parts.get(0).shape();
        int total = 0;
        int size = 0;
        for (Tensor p : parts) {
            total += p.dim(0);
            size += p.size();
        }
        float[] v = new float[size];
        int at = 0;
        for (Tensor p : parts) {
            p.buffer().get(0, v, at, p.size());
            at += p.size();
        }
        s[0] = total;
        return Tensor.wrap(v, s);
    }

    /** {@code a ⊙ b} for tensors of equal size (the shape of {@code a}). */
    public static Tensor multiply(Tensor a, Tensor b) {
        requireSameSize(a, b);
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i) * b.get(i);
        }
        return Tensor.wrap(v, a.shape());
    }

    /** {@code a − b} for tensors of equal size (the shape of {@code a}). */
    public static Tensor subtract(Tensor a, Tensor b) {
        requireSameSize(a, b);
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i) - b.get(i);
        }
        return Tensor.wrap(v, a.shape());
    }

    /** The sum of all values, in double precision. */
    public static double sum(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.get(i);
        }
        return s;
    }

    /** The smallest and largest value. */
    public static float[] range(Tensor t) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            min = Math.min(min, t.get(i));
            max = Math.max(max, t.get(i));
        }
        return new float[] {min, max};
    }

    /** Rejects NaN and infinite values with a message naming the image. */
    public static void requireFinite(Tensor batch, List<String> names) {
        int bad = batch.firstNonFinite();
        if (bad >= 0) {
            int each = batch.size() / Math.max(1, batch.dim(0));
            int image = bad / Math.max(1, each);
            String name = image < names.size() ? "'" + names.get(image) + "'" : "#" + image;
            throw new NeuroLensException("input " + name + " holds NaN or infinite values (first at flat index "
                    + (bad - image * each) + "): nothing to explain");
        }
    }

    /** The shape without its leading axis. */
    public static int[] itemShape(Tensor batch) {
        int[] s = batch.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    private static void requireSameSize(Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("sizes differ: " + a.shapeString() + " and " + b.shapeString());
        }
    }
}
