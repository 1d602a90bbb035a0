package dev.neurolens.milan;

import dev.neurolens.core.progress.Progress;
import java.util.List;

/**
 * The second half of MILAN's procedure, as a service: the prior {@code log p(d)} that pointwise
 * mutual information subtracts, so that descriptions true of everything lose to specific ones.
 * MILAN uses a language model; the bundled default ({@code unit-population}) asks how well the
 * description fits the exemplar sets of all units being described.
 */
public interface DescriptionPrior {

    /** A short id for {@code --prior}, e.g. {@code unit-population}. */
    String id();

    /** One line on what the prior is. */
    String summary();

    /**
     * The prior for one run.
     *
     * @param population the exemplar sets of every unit being described
     * @param scorer the description model's scorer for the run's dataset
     * @param progress polled for cancellation
     */
    LogPrior fit(List<ExemplarSet> population, DescriptionScorer scorer, Progress progress);

    /** {@code log p(d)} of one run; safe for concurrent use. */
    @FunctionalInterface
    interface LogPrior {
        /** {@code log p(d)}, at most 0 and finite. */
        double logPrior(String description);
    }
}
