package dev.neurolens.evaluation;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;

/** The score of a target class for each row of a batch: what the faithfulness curves follow. */
@FunctionalInterface
public interface ClassScorer {

    /**
     * The scores of {@code targets[i]} for row {@code i} of {@code batch}.
     *
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    double[] scores(Tensor batch, int[] targets);

    /**
     * The softmax probability of the target class (as in RISE, Petsiuk et al. 2018), from the
     * model's first output (the logits {@code [N, classes]}).
     */
    static ClassScorer softmax(LoadedModel model, Progress progress) {
        return (batch, targets) -> {
            String out = model.info().outputs().get(0).name();
            Tensor logits = model.run(batch, List.of(out), progress).get(out);
            int classes = logits.size() / logits.dim(0);
            double[] p = new double[targets.length];
            for (int r = 0; r < targets.length; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits.get(r * classes + c));
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(logits.get(r * classes + c) - max);
                }
                p[r] = Math.exp(logits.get(r * classes + targets[r]) - max) / sum;
            }
            return p;
        };
    }
}
