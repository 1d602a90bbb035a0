package dev.neurolens.featurevis;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.graph.TensorNames;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds {@link Objective}s on one model, checking layer names and unit indices against its
 * tensors' shapes (channel axis 1, as ONNX lays out convolutions; for a {@code [N,K]} tensor the
 * "channel" is the unit {@code k}).
 */
public final class Objectives {
    private final TensorNames names;
    private final Map<String, long[]> shapes;
    private final String logits;

    /**
     * @param runner the model's graph runner (its tensors and their static shapes)
     * @param logits the tensor holding the logits (the model's first output)
     */
    public Objectives(GraphRunner runner, String logits) {
        this.names = TensorNames.of(runner.model());
        this.shapes = runner.shapes();
        this.logits = logits;
    }

    /** The tensor a layer (node name) or tensor name stands for. */
    public String tensor(String layer) {
        return names.resolve(layer).orElseThrow(() -> new NeuroLensException("layer '" + layer
                + "' is not in the model; run 'neurolens info' to see layer and tensor names"));
    }

    /** The static shape of a layer's output without the batch axis. */
    public int[] shape(String layer) {
        String t = tensor(layer);
        long[] s = shapes.get(t);
        if (s == null || s.length < 2) {
            throw new NeuroLensException("the shape of '" + t + "' is not known; choose a layer with a static shape");
        }
        int[] out = new int[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            if (s[i] < 1) {
                throw new NeuroLensException("the shape of '" + t + "' is not static (" + Arrays.toString(s) + ")");
            }
            out[i - 1] = (int) s[i];
        }
        return out;
    }

    /** The number of channels (units) of a layer. */
    public int channels(String layer) {
        return shape(layer)[0];
    }

    /** A channel's mean over space (Olah et al.'s "channel" objective). */
    public Objective channel(String layer, int channel) {
        int[] s = shape(layer);
        checkChannel(layer, channel, s[0]);
        int plane = size(s) / s[0];
        float[] w = new float[size(s)];
        Arrays.fill(w, channel * plane, (channel + 1) * plane, 1f / plane);
        return new Objective(List.of(new Objective.Term(tensor(layer), Objective.Kind.LINEAR, w)),
                "channel " + channel + " of " + layer);
    }

    /**
     * One neuron: the channel's value at {@code (y, x)}; for a layer of rank 2 only the unit
     * (y and x must be 0).
     */
    public Objective neuron(String layer, int channel, int y, int x) {
        int[] s = shape(layer);
        checkChannel(layer, channel, s[0]);
        int h = s.length > 1 ? s[1] : 1;
        int wd = s.length > 2 ? s[2] : 1;
        if (y < 0 || y >= h || x < 0 || x >= wd) {
            throw new NeuroLensException(String.format(Locale.ROOT, "neuron position (%d, %d) is outside layer '%s'"
                    + " of %d x %d positions", y, x, layer, h, wd));
        }
        float[] w = new float[size(s)];
        w[(channel * h + y) * wd + x] = 1f;
        return new Objective(List.of(new Objective.Term(tensor(layer), Objective.Kind.LINEAR, w)),
                String.format(Locale.ROOT, "neuron %d at (%d, %d) of %s", channel, y, x, layer));
    }

    /** DeepDream: the mean of the squared activations of the whole layer. */
    public Objective layer(String layer) {
        int[] s = shape(layer);
        float[] w = new float[size(s)];
        Arrays.fill(w, 1f / w.length);
        return new Objective(List.of(new Objective.Term(tensor(layer), Objective.Kind.SQUARE, w)),
                "DeepDream (mean square) of " + layer);
    }

    /** A class logit (pre-softmax). */
    public Objective logit(int classIndex) {
        int[] s = shape(logits);
        if (s.length != 1) {
            throw new NeuroLensException("the model's output '" + logits + "' is not [N, classes]");
        }
        checkChannel(logits, classIndex, s[0]);
        float[] w = new float[s[0]];
        w[classIndex] = 1f;
        return new Objective(List.of(new Objective.Term(tensor(logits), Objective.Kind.LINEAR, w)),
                "logit " + classIndex);
    }

    /** The spatial mean of {@code Σ_c v[c]·a[c]}: a direction in the layer's activation space. */
    public Objective direction(String layer, float[] direction) {
        int[] s = shape(layer);
        if (direction.length != s[0]) {
            throw new NeuroLensException("the direction has " + direction.length + " values but layer '" + layer
                    + "' has " + s[0] + " channels");
        }
        int plane = size(s) / s[0];
        float[] w = new float[size(s)];
        for (int c = 0; c < s[0]; c++) {
            Arrays.fill(w, c * plane, (c + 1) * plane, direction[c] / plane);
        }
        return new Objective(List.of(new Objective.Term(tensor(layer), Objective.Kind.LINEAR, w)),
                "direction in " + layer);
    }

    /** A random unit-length direction (Gaussian components, normalized), from {@code seed}. */
    public Objective randomDirection(String layer, long seed) {
        int c = channels(layer);
        Random r = new Random(seed);
        float[] v = new float[c];
        double norm = 0;
        for (int i = 0; i < c; i++) {
            v[i] = (float) r.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < c; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        Objective o = direction(layer, v);
        return new Objective(o.terms(), "random direction (seed " + seed + ") in " + layer);
    }

    private static void checkChannel(String layer, int channel, int count) {
        if (channel < 0 || channel >= count) {
            throw new NeuroLensException("unit " + channel + " is out of range for '" + layer + "', which has "
                    + count + " units (0.." + (count - 1) + ")");
        }
    }

    private static int size(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return n;
    }
}
