package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import java.util.List;

/**
 * Top-k exemplars of units of any 4-D layer over any images (a folder, or a dataset's images):
 * the images with the highest maximum activation (or the lowest minimum), each with the receptive
 * field of the peak and the unit's mask — its map upsampled to the input size and thresholded at
 * the unit's top quantile over these images (as in dissection).
 */
public final class ExemplarFinder {
    private final DissectionSettings settings;

    /** A finder with these settings ({@code quantile}, {@code top}, {@code minimize}, {@code batch}, {@code memoryBudget}). */
    public ExemplarFinder(DissectionSettings settings) {
        if (settings.top() < 1) {
            throw new IllegalArgumentException("ask for at least one exemplar");
        }
        this.settings = settings;
    }

    /**
     * The exemplars of {@code units} (all units when empty) of {@code layer}.
     *
     * @throws NeuroLensException if the layer is unknown or not 4-D, or a unit is out of range
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public List<ExemplarSet> find(LoadedModel model, String layer, ImageSource images, int[] units,
            Progress progress) {
        LayerActivations acts = LayerActivations.of(model, layer);
        ReceptiveField field = Dissector.receptiveField(model, layer);
        int n = images.size();
        progress.begin("Exemplars of " + layer, 2L * n);
        ActivationStream stream = new ActivationStream(acts, images, settings.batch());
        FirstPass first = FirstPass.run(stream, acts, n, settings, progress);
        int[] chosen = units.length == 0 ? java.util.stream.IntStream.range(0, acts.units()).toArray() : units;
        for (int u : chosen) {
            if (u < 0 || u >= acts.units()) {
                throw new NeuroLensException("unit " + u + " is out of range: layer '" + layer + "' has "
                        + acts.units() + " units (0.." + (acts.units() - 1) + ")");
            }
        }
        int plane = acts.units() * acts.height() * acts.width();
        int[] needed = ExemplarBuilder.images(chosen, first.top());
        float[][] maps = first.cache() != null ? first.cache() : maps(stream, needed, n, plane, progress);
        progress.worked(n);
        Preprocessing pre = model.info().preprocessing();
        List<ExemplarSet> sets = ExemplarBuilder.build(chosen, first.top(), first.thresholds(), maps, acts.units(),
                acts.height(), acts.width(), field, pre.height(), pre.width(),
                i -> new int[] {pre.height(), pre.width()}, images::name, settings.minimize());
        progress.done();
        return sets;
    }

    /** The activations of just the given images, by image index (other entries {@code null}). */
    static float[][] maps(ActivationStream stream, int[] images, int count, int plane, Progress progress) {
        float[][] maps = new float[count][];
        stream.run(images, (indices, n, data) -> {
            for (int i = 0; i < n; i++) {
                maps[indices[i]] = java.util.Arrays.copyOfRange(data, i * plane, (i + 1) * plane);
            }
        }, progress.cancellationOnly());
        return maps;
    }
}
