package dev.neurolens.featurevis;

import java.util.ArrayList;
import java.util.List;

/**
 * What one image is optimized for: a sum of terms, each a weighted sum over one tensor's values
 * for that image — linear ({@code Σ w·a}: a neuron, a channel's spatial mean, a logit, a
 * direction) or quadratic ({@code Σ w·a²}: DeepDream's mean of squares). Built by
 * {@link Objectives}; {@link #negate()} and {@link #plus} combine them.
 *
 * @param terms the terms, summed
 * @param description a short text for reports, e.g. {@code channel 5 of layer3/conv2}
 */
public record Objective(List<Term> terms, String description) {

    /** How a term uses its tensor's values. */
    public enum Kind {
        /** {@code Σ w·a} */
        LINEAR,
        /** {@code Σ w·a²} */
        SQUARE
    }

    /**
     * One term: {@code Σ_i weights[i]·f(a[i])} over the tensor's values for the image (flattened,
     * batch axis removed).
     *
     * @param tensor the tensor's name in the model
     * @param kind linear or square
     * @param weights one weight per value of the tensor for one image
     */
    public record Term(String tensor, Kind kind, float[] weights) {
        /** Copies the weights. */
        public Term {
            weights = weights.clone();
        }

        @Override
        public float[] weights() {
            return weights.clone();
        }

        Term scaled(float factor) {
            float[] w = weights.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] *= factor;
            }
            return new Term(tensor, kind, w);
        }
    }

    /** Copies the terms. */
    public Objective {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an objective needs at least one term");
        }
        terms = List.copyOf(terms);
    }

    /** The negative of this objective: what the unit avoids. */
    public Objective negate() {
        return new Objective(terms.stream().map(t -> t.scaled(-1)).toList(), "negative " + description);
    }

    /** The sum of this objective and {@code other} (e.g. two units together). */
    public Objective plus(Objective other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return new Objective(all, description + " + " + other.description);
    }

    /** This objective with every weight multiplied by {@code factor}. */
    public Objective times(float factor) {
        return new Objective(terms.stream().map(t -> t.scaled(factor)).toList(), factor + "·(" + description + ")");
    }

    /**
     * The objective's value for one image's activations, computed in plain Java (a reference for
     * tests and for scoring images).
     *
     * @param activations each term's tensor values for the image, by tensor name
     */
    public double value(java.util.Map<String, float[]> activations) {
        double v = 0;
        for (Term t : terms) {
            float[] a = activations.get(t.tensor());
            for (int i = 0; i < a.length; i++) {
                v += t.kind() == Kind.LINEAR ? t.weights[i] * (double) a[i] : t.weights[i] * (double) a[i] * a[i];
            }
        }
        return v;
    }
}
