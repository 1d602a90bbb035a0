package dev.neurolens.dissect;

import dev.neurolens.dissect.compose.CompositionSettings;
import java.util.List;

/**
 * What a dissection computes and with how much memory.
 *
 * @param quantile the top fraction of each unit's activations above its threshold (Bau et al.:
 *     0.005), in (0, 1)
 * @param iouThreshold a unit whose best IoU exceeds this is a detector (Bau et al.: 0.04)
 * @param categories the concept categories to score (empty: all of the dataset's)
 * @param union which activated pixels count toward a concept's union ({@link UnionRule})
 * @param top exemplars per unit (0: none)
 * @param minimize exemplars of most negative activation instead of highest
 * @param composition the beam search of compositional explanations, or {@code null} for none
 * @param batch images per engine call
 * @param memoryBudget bytes the dissection may hold: exact quantiles and the activation cache
 *     are used when they fit, otherwise a {@link QuantileSketch} and a second forward pass
 * @param sketchAccuracy the relative error bound of the quantile sketch, in (0, 1)
 * @param threads threads that tally in parallel (at least 1)
 */
public record DissectionSettings(double quantile, double iouThreshold, List<String> categories, UnionRule union,
        int top, boolean minimize, CompositionSettings composition, int batch, long memoryBudget,
        double sketchAccuracy, int threads) {

    /** The defaults: Bau et al.'s quantile 0.005 and IoU 0.04, all categories, 5 exemplars. */
    public static DissectionSettings defaults() {
        return new DissectionSettings(0.005, 0.04, List.of(), UnionRule.IMAGE, 5, false, null, 64,
                Runtime.getRuntime().maxMemory() / 3, 0.001, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Compact constructor: checks ranges and copies. */
    public DissectionSettings {
        categories = List.copyOf(categories);
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("the quantile must be in (0, 1), not " + quantile);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("the IoU threshold must be in [0, 1], not " + iouThreshold);
        }
        if (top < 0) {
            throw new IllegalArgumentException("the number of exemplars must not be negative: " + top);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batch);
        }
        if (!(sketchAccuracy > 0 && sketchAccuracy < 1)) {
            throw new IllegalArgumentException("the sketch accuracy must be in (0, 1), not " + sketchAccuracy);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** A copy with another quantile. */
    public DissectionSettings withQuantile(double q) {
        return new DissectionSettings(q, iouThreshold, categories, union, top, minimize, composition, batch,
                memoryBudget, sketchAccuracy, threads);
    }

    /** A copy with another IoU threshold. */
    public DissectionSettings withIouThreshold(double t) {
        return new DissectionSettings(quantile, t, categories, union, top, minimize, composition, batch, memoryBudget,
                sketchAccuracy, threads);
    }

    /** A copy with other categories (empty: all). */
    public DissectionSettings withCategories(List<String> c) {
        return new DissectionSettings(quantile, iouThreshold, c, union, top, minimize, composition, batch,
                memoryBudget, sketchAccuracy, threads);
    }

    /** A copy with another union rule. */
    public DissectionSettings withUnion(UnionRule u) {
        return new DissectionSettings(quantile, iouThreshold, categories, u, top, minimize, composition, batch,
                memoryBudget, sketchAccuracy, threads);
    }

    /** A copy with {@code k} exemplars per unit, of highest or (minimize) lowest activation. */
    public DissectionSettings withTop(int k, boolean min) {
        return new DissectionSettings(quantile, iouThreshold, categories, union, k, min, composition, batch,
                memoryBudget, sketchAccuracy, threads);
    }

    /** A copy with compositional explanations ({@code null}: none). */
    public DissectionSettings withComposition(CompositionSettings c) {
        return new DissectionSettings(quantile, iouThreshold, categories, union, top, minimize, c, batch,
                memoryBudget, sketchAccuracy, threads);
    }

    /** A copy with another batch size. */
    public DissectionSettings withBatch(int b) {
        return new DissectionSettings(quantile, iouThreshold, categories, union, top, minimize, composition, b,
                memoryBudget, sketchAccuracy, threads);
    }

    /** A copy with another memory budget in bytes. */
    public DissectionSettings withMemoryBudget(long bytes) {
        return new DissectionSettings(quantile, iouThreshold, categories, union, top, minimize, composition, batch,
                bytes, sketchAccuracy, threads);
    }

    /** A copy with another number of tally threads. */
    public DissectionSettings withThreads(int n) {
        return new DissectionSettings(quantile, iouThreshold, categories, union, top, minimize, composition, batch,
                memoryBudget, sketchAccuracy, n);
    }
}
