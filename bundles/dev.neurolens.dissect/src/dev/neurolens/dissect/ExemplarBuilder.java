package dev.neurolens.dissect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Turns the top activations of the first pass into {@link ExemplarSet}s: for each exemplar image
 * the unit's map (from the activation cache, or recomputed for just those images), the peak's
 * receptive field and the binarized upsampled mask.
 */
final class ExemplarBuilder {
    /** The mask size of an image: {@code {height, width}}. */
    interface MaskSize extends IntFunction<int[]> {
    }

    private ExemplarBuilder() {
    }

    /**
     * @param units the units to build sets for
     * @param top the first pass's top activations
     * @param thresholds the units' thresholds
     * @param maps per image, its activations {@code [units, h, w]}; {@code null} entries for images
     *     that are not needed
     */
    static List<ExemplarSet> build(int[] units, TopActivations top, UnitThresholds thresholds, float[][] maps,
            int unitCount, int h, int w, ReceptiveField field, int inputHeight, int inputWidth, MaskSize maskSize,
            IntFunction<String> names, boolean minimized) {
        Map<Long, BilinearMask> masks = new HashMap<>();
        List<ExemplarSet> sets = new ArrayList<>();
        int plane = h * w;
        for (int u : units) {
            float t = thresholds.of(u);
            List<Exemplar> list = new ArrayList<>();
            for (TopActivations.Hit hit : top.of(u)) {
                float[] map = java.util.Arrays.copyOfRange(maps[hit.image()], u * plane, (u + 1) * plane);
                int[] size = maskSize.apply(hit.image());
                BilinearMask bm = masks.computeIfAbsent(((long) size[0] << 32) | size[1],
                        k -> new BilinearMask(h, w, size[0], size[1]));
                int[] active = new int[size[0] * size[1]];
                int n = bm.activePixels(map, 0, t, active);
                BitSet bits = new BitSet(size[0] * size[1]);
                for (int i = 0; i < n; i++) {
                    bits.set(active[i]);
                }
                int row = hit.position() / w;
                int col = hit.position() % w;
                Region region = field == null ? new Region(0, 0, inputHeight - 1, inputWidth - 1)
                        : field.region(row, col).clip(inputHeight, inputWidth);
                list.add(new Exemplar(hit.image(), names.apply(hit.image()), hit.value(), row, col, region, map, h, w,
                        bits, size[0], size[1]));
            }
            sets.add(new ExemplarSet(u, t, minimized, list));
        }
        return sets;
    }

    /** The distinct images among the units' exemplars, ascending. */
    static int[] images(int[] units, TopActivations top) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int u : units) {
            top.of(u).forEach(h -> set.add(h.image()));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
