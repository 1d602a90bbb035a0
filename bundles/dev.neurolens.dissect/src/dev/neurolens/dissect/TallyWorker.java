package dev.neurolens.dissect;

import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.CategoryLabels;
import dev.neurolens.data.ImageLabels;
import dev.neurolens.dissect.compose.SignatureTable;
import dev.neurolens.dissect.compose.UnitSignatures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second pass for one thread: per image, reads the labels, binarizes every unit's map
 * ({@link BilinearMask}) and adds the activated pixels to its own {@link ConceptTally} (and, for
 * compositional explanations, to signature histograms). Workers of disjoint images are merged.
 */
final class TallyWorker {
    private final BrodenDataset dataset;
    private final ConceptSpace space;
    private final List<String> categories;
    private final UnitThresholds thresholds;
    private final int units;
    private final int h;
    private final int w;
    private final ConceptTally tally;
    private final SignatureTable signatures;
    private final UnitSignatures[] unitSignatures;
    private final Map<Long, BilinearMask> masks = new HashMap<>();
    private int[][] active = new int[0][];
    private final int[] counts;

    TallyWorker(BrodenDataset dataset, ConceptSpace space, UnitThresholds thresholds, int h, int w, UnionRule rule,
            boolean compose) {
        this.dataset = dataset;
        this.space = space;
        this.categories = space.categories();
        this.thresholds = thresholds;
        this.units = thresholds.units();
        this.h = h;
        this.w = w;
        this.tally = new ConceptTally(space, units, rule);
        this.signatures = compose ? new SignatureTable() : null;
        this.unitSignatures = compose ? new UnitSignatures[units] : null;
        if (compose) {
            Arrays.setAll(unitSignatures, k -> new UnitSignatures());
        }
        this.counts = new int[units];
    }

    /** Adds image {@code image} whose activations start at {@code maps[offset]}. */
    void add(int image, float[] maps, int offset) {
        ImageLabels labels = dataset.read(image, categories);
        int sh = labels.entry().maskHeight();
        int sw = labels.entry().maskWidth();
        BilinearMask bm = masks.computeIfAbsent(((long) sh << 32) | sw, k -> new BilinearMask(h, w, sh, sw));
        if (active.length == 0 || active[0].length < sh * sw) {
            active = new int[units][sh * sw];
        }
        int plane = h * w;
        for (int k = 0; k < units; k++) {
            counts[k] = bm.activePixels(maps, offset + k * plane, thresholds.of(k), active[k]);
        }
        tally.add(labels, active, counts);
        if (signatures != null) {
            addSignatures(labels, sh * sw);
        }
    }

    /** Interns every pixel's signature and adds the activated pixels' to the unit histograms. */
    private void addSignatures(ImageLabels labels, int pixels) {
        int[] ids = new int[pixels];
        int cats = categories.size();
        CategoryLabels[] cl = new CategoryLabels[cats];
        int most = 0;
        for (int c = 0; c < cats; c++) {
            cl[c] = labels.category(categories.get(c));
            most += cl[c].maskCount() + cl[c].imageLabels().length;
        }
        int[] concepts = new int[most];
        int[] previous = null;
        int previousId = -1;
        for (int p = 0; p < pixels; p++) {
            int n = 0;
            for (int c = 0; c < cats; c++) {
                for (int[] mask : cl[c].masks()) {
                    n = addNew(concepts, n, space.id(c, mask[p]));
                }
                for (int number : cl[c].imageLabels()) {
                    n = addNew(concepts, n, space.id(c, number));
                }
            }
            Arrays.sort(concepts, 0, n);
            if (previous != null && Arrays.equals(previous, 0, previous.length, concepts, 0, n)) {
                ids[p] = previousId;
                signatures.addPixels(previousId, 1);
            } else {
                previousId = signatures.add(concepts, n, 1);
                previous = Arrays.copyOf(concepts, n);
                ids[p] = previousId;
            }
        }
        for (int k = 0; k < units; k++) {
            for (int i = 0; i < counts[k]; i++) {
                unitSignatures[k].add(ids[active[k][i]], 1);
            }
        }
    }

    private static int addNew(int[] out, int n, int id) {
        if (id < 0) {
            return n;
        }
        for (int i = 0; i < n; i++) {
            if (out[i] == id) {
                return n;
            }
        }
        out[n] = id;
        return n + 1;
    }

    /** Adds another worker's counts to this one's. */
    void merge(TallyWorker other) {
        tally.merge(other.tally);
        if (signatures != null) {
            int[] map = signatures.merge(other.signatures);
            for (int k = 0; k < units; k++) {
                unitSignatures[k].merge(other.unitSignatures[k], map);
            }
        }
    }

    ConceptTally tally() {
        return tally;
    }

    SignatureTable signatures() {
        return signatures;
    }

    UnitSignatures unitSignatures(int k) {
        return unitSignatures[k];
    }
}
