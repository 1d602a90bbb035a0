package dev.neurolens.dissect;

import dev.neurolens.core.progress.Progress;

/**
 * The first pass over the images: per-unit quantiles (exact when they fit the memory budget,
 * otherwise a {@link QuantileSketch}), the top activations for exemplars, and — when it fits what
 * is left of the budget — a cache of every image's activations so that the second pass needs no
 * second forward pass.
 */
final class FirstPass {
    private final DissectionSettings settings;
    private final int images;
    private QuantileEstimator quantiles;
    private TopActivations top;
    private float[][] cache;
    private int units;
    private int plane;

    private FirstPass(DissectionSettings settings, int images) {
        this.settings = settings;
        this.images = images;
    }

    /** Runs the pass over all images of {@code stream}. */
    static FirstPass run(ActivationStream stream, LayerActivations layer, int images, DissectionSettings settings,
            Progress progress) {
        FirstPass pass = new FirstPass(settings, images);
        stream.all((indices, n, data) -> pass.accept(layer, indices, n, data), progress);
        return pass;
    }

    private void accept(LayerActivations layer, int[] indices, int n, float[] data) {
        if (quantiles == null) {
            start(layer.units(), layer.height() * layer.width());
        }
        quantiles.add(data, n);
        if (top != null) {
            top.add(data, indices, n);
        }
        if (cache != null) {
            int each = units * plane;
            for (int i = 0; i < n; i++) {
                cache[indices[i]] = java.util.Arrays.copyOfRange(data, i * each, (i + 1) * each);
            }
        }
    }

    private void start(int unitCount, int planeSize) {
        units = unitCount;
        plane = planeSize;
        long budget = settings.memoryBudget();
        long exact = ExactQuantiles.bytes(settings.quantile(), units, plane, images);
        if (exact <= budget) {
            quantiles = new ExactQuantiles(settings.quantile(), units, plane, images);
            budget -= exact;
        } else {
            quantiles = new QuantileSketch(settings.quantile(), settings.sketchAccuracy(), units, plane);
        }
        if (4L * images * units * plane <= budget) {
            cache = new float[images][];
        }
        if (settings.top() > 0) {
            top = new TopActivations(settings.top(), units, plane, settings.minimize());
        }
    }

    /** The thresholds. */
    UnitThresholds thresholds() {
        return quantiles.thresholds();
    }

    /** The top activations, or {@code null} when no exemplars were asked for. */
    TopActivations top() {
        return top;
    }

    /** The cached activations per image ({@code [units, h, w]} row-major), or {@code null}. */
    float[][] cache() {
        return cache;
    }
}
