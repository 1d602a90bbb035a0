package dev.neurolens.core.explain;

import java.util.Map;

/**
 * The result of an {@link Explainer}: one of a fixed set of value types, each of which the result
 * writers turn into JSON, {@code .npy} and PNG files.
 */
public sealed interface Explanation permits AttributionResult, UnitReport, ImageResult {

    /** The explainer id that made it. */
    String method();

    /** The parameters it ran with, defaults filled in. */
    Map<String, String> parameters();

    /** Wall-clock timings in milliseconds by phase (e.g. {@code total}, {@code engine}). */
    Map<String, Double> timingsMillis();
}
