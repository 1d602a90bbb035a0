package dev.neurolens.example.explainer;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.ParameterDescriptor;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * A third-party explanation method, as a template: the <em>random baseline</em> of attribution
 * sanity checks (Adebayo et al., 2018) — uniform noise in [0, 1) of the input's shape, seeded per
 * image. A method that does no better than this on a metric explains nothing.
 *
 * <p>All a method needs: implement {@link Explainer} from {@code dev.neurolens.core.explain} and
 * register it as a Declarative Services component. NeuroLens finds it like its own methods (the
 * CLI's {@code methods} and {@code explain --method random-baseline}, the workbench's dialog).
 * It uses only the core API: the model's prediction for the target, its labels, the result types.
 */
@Component(service = Explainer.class)
public final class RandomBaselineExplainer implements Explainer {
    /** The method's id. */
    public static final String ID = "random-baseline";

    private static final ParameterDescriptor SEED = ParameterDescriptor.integer("seed",
            "random seed; image i of a batch uses seed + i", 0, 0, Integer.MAX_VALUE);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Random baseline (example plug-in)";
    }

    @Override
    public String description() {
        return "Uniform noise of the input's shape: the baseline every attribution method must beat."
                + " One forward pass for the target; an example of a third-party method bundle.";
    }

    @Override
    public ExplanationKind kind() {
        return ExplanationKind.ATTRIBUTION_MAP;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(SEED);
    }

    @Override
    public Explanation explain(LoadedModel model, ExplanationRequest request, Progress progress) {
        String seedText = request.parameter(SEED.name(), SEED.defaultValue());
        SEED.validate(seedText).ifPresent(problem -> {
            throw new NeuroLensException(ID + ": " + problem);
        });
        long seed = Long.parseLong(seedText.trim());
        long start = System.nanoTime();
        Tensor logits = model.predict(request.batch());
        List<String> labels = model.info().preprocessing().labels();
        List<AttributionMap> maps = new ArrayList<>();
        int[] imageShape = Arrays.copyOfRange(request.batch().shape(), 1, request.batch().rank());
        for (int i = 0; i < request.imageNames().size(); i++) {
            Tensor row = logits.slice(i);
            int target = request.target().isPredicted() ? row.argMax() : request.target().classIndex();
            if (target >= row.size()) {
                throw new NeuroLensException(ID + ": target class " + target + " is out of range (the model has "
                        + row.size() + " classes)");
            }
            maps.add(new AttributionMap(request.imageNames().get(i), noise(imageShape, seed + i), Optional.empty(),
                    target, target < labels.size() ? labels.get(target) : "", row.get(target),
                    OptionalDouble.empty()));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new AttributionResult(ID, Map.of(SEED.name(), seedText), Optional.empty(), maps,
                Map.of("total", millis));
    }

    /** Uniform noise in [0, 1) of {@code shape}, the same for the same seed. */
    static Tensor noise(int[] shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) Tensor.elementCount(shape)];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) random.nextDouble();
        }
        return Tensor.wrap(values, shape);
    }
}
