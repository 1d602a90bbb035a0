package dev.neurolens.evaluation;

import dev.neurolens.core.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The metrics of one method on one model.
 *
 * @param id the method's id
 * @param displayName its name for people
 * @param images the number of images
 * @param pointingGame the pointing game accuracy in [0, 1] ({@link PointingGame})
 * @param energyInMask the mean energy share on the object ({@link EnergyInMask})
 * @param deletionAuc the mean area under the deletion curves ({@link PerturbationCurves})
 * @param insertionAuc the mean area under the insertion curves
 * @param deletionCurve the mean deletion curve
 * @param insertionCurve the mean insertion curve
 * @param completenessDelta the mean |δ| where the method reports a completeness delta
 * @param relativeCompleteness the mean |δ| / |f(x) − f(x′)| where it does
 * @param cascading the cascading randomization, top layer first (empty if not run)
 * @param independent the independent randomization, top layer first (empty if not run)
 * @param passes the checks and whether they pass ({@link Checks})
 * @param examples the per-pixel maps of the first few images, for pictures
 * @param error why the method could not be evaluated on this model, if it could not
 */
public record MethodReport(String id, String displayName, int images, double pointingGame, double energyInMask,
        double deletionAuc, double insertionAuc, double[] deletionCurve, double[] insertionCurve,
        OptionalDouble completenessDelta, OptionalDouble relativeCompleteness, List<LayerStep> cascading,
        List<LayerStep> independent, Map<String, Boolean> passes, List<Tensor> examples, Optional<String> error) {

    /** Copies the lists. */
    public MethodReport {
        cascading = List.copyOf(cascading);
        independent = List.copyOf(independent);
        passes = Collections.unmodifiableMap(new LinkedHashMap<>(passes));
        examples = List.copyOf(examples);
    }

    /** A method that failed on this model. */
    public static MethodReport failed(String id, String displayName, String error) {
        return new MethodReport(id, displayName, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[0],
                new double[0], OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(), Map.of(),
                List.of(), Optional.of(error));
    }

    /** The similarity after the cascading randomization of all layers, if it was run. */
    public Optional<Similarity> fullyRandomized() {
        return cascading.isEmpty() ? Optional.empty() : Optional.of(cascading.get(cascading.size() - 1).similarity());
    }

    /** A copy with randomization results and the checks computed ({@link Checks}). */
    public MethodReport withRandomization(List<LayerStep> cascadingSteps, List<LayerStep> independentSteps,
            double centreBaseline) {
        MethodReport r = copy(cascadingSteps, independentSteps, Map.of());
        return r.copy(cascadingSteps, independentSteps, Checks.of(r, centreBaseline));
    }

    private MethodReport copy(List<LayerStep> c, List<LayerStep> i, Map<String, Boolean> checks) {
        return new MethodReport(id, displayName, images, pointingGame, energyInMask, deletionAuc, insertionAuc,
                deletionCurve, insertionCurve, completenessDelta, relativeCompleteness, c, i, checks, examples, error);
    }
}
