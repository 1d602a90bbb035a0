package dev.neurolens.milan.exemplars;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.IndexEntry;
import dev.neurolens.dissect.BilinearMask;
import dev.neurolens.dissect.DissectionSettings;
import dev.neurolens.dissect.ImageSource;
import dev.neurolens.milan.Exemplar;
import dev.neurolens.milan.ExemplarFinder;
import dev.neurolens.milan.ExemplarSet;
import dev.neurolens.milan.Unit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exemplar sets from Network Dissection ({@code dev.neurolens.dissect.ExemplarFinder}): the top-k
 * images by maximum activation over the dataset's images, each unit thresholded at its top
 * {@code quantile} (Bau et al.'s 0.005 by default). Dissection binarizes its exemplar masks at the
 * model's input size; MILAN's scorer compares them with the dataset's label masks, so each mask is
 * made again from the exemplar's activation map at the dataset's mask resolution {@code sw x sh},
 * with dissection's own {@link BilinearMask} and the same threshold ({@code up(A_u) > T_u}).
 */
public final class DissectionExemplars implements ExemplarFinder {
    private final DissectionSettings settings;

    /** A finder with dissection's defaults (quantile 0.005). */
    public DissectionExemplars() {
        this(DissectionSettings.defaults());
    }

    /** A finder with these dissection settings ({@code quantile}, {@code batch}, {@code memoryBudget}). */
    public DissectionExemplars(DissectionSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<ExemplarSet> find(LoadedModel model, BrodenDataset dataset, String layer, int topK,
            Progress progress) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        List<dev.neurolens.dissect.ExemplarSet> found = new dev.neurolens.dissect.ExemplarFinder(
                settings.withTop(topK, false)).find(model, layer, ImageSource.of(dataset), new int[0], progress);
        Map<Long, BilinearMask> masks = new HashMap<>();
        List<ExemplarSet> out = new ArrayList<>();
        for (dev.neurolens.dissect.ExemplarSet set : found) {
            progress.checkCancelled();
            List<Exemplar> exemplars = new ArrayList<>();
            for (dev.neurolens.dissect.Exemplar e : set.exemplars()) {
                IndexEntry entry = dataset.image(e.image());
                int h = entry.maskHeight();
                int w = entry.maskWidth();
                BilinearMask bm = masks.computeIfAbsent(key(e.mapHeight(), e.mapWidth(), h, w),
                        k -> new BilinearMask(e.mapHeight(), e.mapWidth(), h, w));
                int[] active = new int[h * w];
                int n = bm.activePixels(e.map(), 0, set.threshold(), active);
                BitSet bits = new BitSet(h * w);
                for (int i = 0; i < n; i++) {
                    bits.set(active[i]);
                }
                exemplars.add(new Exemplar(e.image(), e.score(), w, h, bits));
            }
            out.add(new ExemplarSet(new Unit(layer, set.unit()), set.threshold(), exemplars));
        }
        return out;
    }

    private static long key(int mapH, int mapW, int h, int w) {
        return ((long) mapH << 48) | ((long) mapW << 32) | ((long) h << 16) | w;
    }
}
