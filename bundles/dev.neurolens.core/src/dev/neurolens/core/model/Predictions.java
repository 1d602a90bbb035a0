package dev.neurolens.core.model;

import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The top-k classes of one row of logits, with softmax probabilities. */
public final class Predictions {
    private Predictions() {
    }

    /**
     * One predicted class.
     *
     * @param index class index
     * @param label class label or {@code class <index>}
     * @param logit the pre-softmax score
     * @param probability the softmax probability
     */
    public record Prediction(int index, String label, float logit, double probability) {
    }

    /** The {@code k} best classes of {@code logits} ([classes]), best first. */
    public static List<Prediction> top(Tensor logits, int k, Preprocessing pre) {
        int n = logits.size();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits.get(i));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits.get(i) - max);
        }
        List<Prediction> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(new Prediction(i, pre.label(i).orElse("class " + i), logits.get(i),
                    Math.exp(logits.get(i) - max) / sum));
        }
        all.sort(Comparator.comparingDouble((Prediction p) -> p.logit()).reversed());
        return all.subList(0, Math.min(k, n));
    }
}
