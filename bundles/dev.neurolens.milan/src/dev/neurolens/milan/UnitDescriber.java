package dev.neurolens.milan;

import dev.neurolens.core.progress.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * MILAN's procedure over any {@link DescriptionModel} and {@link DescriptionPrior}: for each unit,
 * score every proposed candidate {@code d} by
 *
 * <pre>
 *   PMI_lambda(d; E) = log p(d|E) - lambda * log p(d)        (MILAN eq. 1)
 * </pre>
 *
 * and keep the best and the runner-ups. {@code lambda = 0} ranks by likelihood alone; {@code
 * lambda = 1} is pointwise mutual information proper, which favours descriptions that are rare
 * over the units even when they fit poorly. Ties are broken by the shorter text, then
 * alphabetically, so results do not depend on the order of the candidates.
 */
public final class UnitDescriber {
    /** The default lambda (see docs/milan.md for how it was chosen). */
    public static final double DEFAULT_LAMBDA = 0.2;
    /** The default number of runner-ups kept per unit. */
    public static final int DEFAULT_RUNNER_UPS = 4;

    private final double lambda;
    private final int runnerUps;

    /**
     * A describer.
     *
     * @param lambda the prior's weight, 0..1
     * @param runnerUps how many runner-up descriptions to keep per unit, >= 0
     */
    public UnitDescriber(double lambda, int runnerUps) {
        if (!(lambda >= 0 && lambda <= 1) || runnerUps < 0) {
            throw new IllegalArgumentException("lambda must be in 0..1 and runnerUps >= 0, got " + lambda + ", "
                    + runnerUps);
        }
        this.lambda = lambda;
        this.runnerUps = runnerUps;
    }

    /** The prior's weight. */
    public double lambda() {
        return lambda;
    }

    /**
     * Describes every unit of {@code population}.
     *
     * @param population the exemplar sets of all units to describe (also the prior's population)
     * @param scorer the description model bound to the exemplars' dataset
     * @param prior the prior
     * @param progress progress over the units (proposal, prior, ranking), and cancellation
     * @return one description per exemplar set, in the same order; a unit without any candidate
     *     gets the placeholder {@link #NONE} scored with the model's floor {@code log p(d|E)}
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public List<UnitDescription> describe(List<ExemplarSet> population, DescriptionScorer scorer,
            DescriptionPrior prior, Progress progress) {
        progress.begin("Describing " + population.size() + " units", 2L * population.size());
        try {
            List<List<String>> candidates = new ArrayList<>();
            for (ExemplarSet set : population) {
                progress.checkCancelled();
                candidates.add(List.copyOf(new LinkedHashSet<>(scorer.propose(set))));
                progress.worked(1);
            }
            DescriptionPrior.LogPrior logPrior = prior.fit(population, scorer, progress);
            List<UnitDescription> out = new ArrayList<>();
            for (int u = 0; u < population.size(); u++) {
                progress.checkCancelled();
                out.add(rank(population.get(u), candidates.get(u), scorer, logPrior));
                progress.worked(1);
            }
            return out;
        } finally {
            progress.done();
        }
    }

    /** Ranks given candidates for one unit (all of them kept up to the runner-up count). */
    public UnitDescription rank(ExemplarSet set, List<String> candidates, DescriptionScorer scorer,
            DescriptionPrior.LogPrior logPrior) {
        List<ScoredDescription> scored = new ArrayList<>();
        for (String d : candidates) {
            double ll = scorer.logLikelihood(d, set);
            double lp = logPrior.logPrior(d);
            scored.add(new ScoredDescription(d, ll - lambda * lp, ll, lp));
        }
        if (scored.isEmpty()) {
            double floor = scorer.logLikelihood(NONE, set); // a text no model reads: its floor
            return new UnitDescription(set, List.of(new ScoredDescription(NONE, floor, floor, 0)),
                    new double[set.size()]);
        }
        scored.sort(ORDER);
        List<ScoredDescription> kept = List.copyOf(scored.subList(0, Math.min(scored.size(), runnerUps + 1)));
        return new UnitDescription(set, kept, scorer.exemplarFit(kept.get(0).text(), set));
    }

    /** The text of a unit that got no candidate at all (e.g. its exemplar masks are empty). */
    public static final String NONE = "(no description)";

    private static final Comparator<ScoredDescription> ORDER = Comparator
            .comparingDouble(ScoredDescription::pmi).reversed()
            .thenComparingInt(s -> s.text().length())
            .thenComparing(ScoredDescription::text);
}
