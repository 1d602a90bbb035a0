package dev.neurolens.milan;

import dev.neurolens.core.progress.Progress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.osgi.service.component.annotations.Component;

/**
 * The bundled {@link DescriptionPrior}, {@code unit-population}: the marginal of the description
 * model over the units being described,
 *
 * <pre>
 *   p(d) = (1/N) * sum_u p(d | E_u)        over the N units' exemplar sets
 * </pre>
 *
 * i.e. how often the phrase fits the exemplar set of a unit drawn at random. A description that
 * fits every unit has a high prior and is penalized by PMI, which is MILAN's point; one that fits
 * only this unit has a prior of about {@code p(d|E)/N}. Values are computed when first asked for
 * (in parallel over the units) and kept for the run.
 */
@Component(service = DescriptionPrior.class, property = "service.ranking:Integer=0")
public final class UnitPopulationPrior implements DescriptionPrior {
    /** The prior's id. */
    public static final String ID = "unit-population";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "p(d) = mean over the described units of p(d|E_u): how often d fits a unit of the model";
    }

    @Override
    public LogPrior fit(List<ExemplarSet> population, DescriptionScorer scorer, Progress progress) {
        List<ExemplarSet> units = List.copyOf(population);
        Map<String, Double> cache = new ConcurrentHashMap<>();
        return d -> cache.computeIfAbsent(d, text -> {
            progress.checkCancelled();
            if (units.isEmpty()) {
                return 0.0;
            }
            double sum = IntStream.range(0, units.size()).parallel()
                    .mapToDouble(u -> Math.exp(scorer.logLikelihood(text, units.get(u)))).sum();
            return Math.log(sum / units.size());
        });
    }
}
