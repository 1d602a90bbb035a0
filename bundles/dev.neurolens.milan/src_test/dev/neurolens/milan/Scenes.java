package dev.neurolens.milan;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.ImageLabels;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.SceneGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Generated Broden datasets and hand-made exemplar sets on them, for the tests. */
public final class Scenes {
    private Scenes() {
    }

    /** Generates and opens a dataset. */
    public static BrodenDataset generate(GeneratorConfig config, Path dir) {
        new SceneGenerator(config).generate(dir, Progress.NONE);
        return BrodenDataset.open(dir);
    }

    /** The label number of a name. */
    public static int label(BrodenDataset ds, String name) {
        return ds.labels().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().number();
    }

    /** The pixels of an image that hold {@code label} in {@code category}'s first mask layer. */
    public static BitSet pixels(ImageLabels l, String category, int label) {
        BitSet b = new BitSet();
        var c = l.category(category);
        if (c.masks().isEmpty()) {
            return b;
        }
        int[] m = c.mask(0);
        for (int i = 0; i < m.length; i++) {
            if (m[i] == label) {
                b.set(i);
            }
        }
        return b;
    }

    /**
     * The exemplar set of a unit that fires exactly on {@code region}: the {@code k} images where
     * the region is largest, each with the region as its mask.
     */
    public static ExemplarSet exact(BrodenDataset ds, String name, int k, Function<ImageLabels, BitSet> region) {
        List<Exemplar> all = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            BitSet b = region.apply(ds.read(i));
            var e = ds.image(i);
            if (!b.isEmpty()) {
                all.add(new Exemplar(i, b.cardinality(), e.maskWidth(), e.maskHeight(), b));
            }
        }
        all.sort(Comparator.comparingDouble((Exemplar e) -> -e.activation()).thenComparingInt(Exemplar::image));
        return new ExemplarSet(new Unit(name, 0), 0, all.subList(0, Math.min(k, all.size())));
    }

    /** The exemplar set of a unit that fires on every pixel of the first {@code k} images. */
    public static ExemplarSet everything(BrodenDataset ds, int k) {
        List<Exemplar> all = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            var e = ds.image(i);
            BitSet b = new BitSet();
            b.set(0, e.maskWidth() * e.maskHeight());
            all.add(new Exemplar(i, 1, e.maskWidth(), e.maskHeight(), b));
        }
        return new ExemplarSet(new Unit("everything", 0), 0, all);
    }

    /** A description's candidate by text, or null. */
    public static ScoredDescription candidate(UnitDescription d, String text) {
        return d.ranked().stream().filter(s -> s.text().equals(text)).findFirst().orElse(null);
    }
}
