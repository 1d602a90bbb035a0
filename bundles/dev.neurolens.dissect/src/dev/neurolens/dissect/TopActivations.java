package dev.neurolens.dissect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Streams a layer's activations and keeps, per unit, the {@code k} images with the highest
 * maximum activation (or, minimizing, the lowest minimum) and where it is. Ties go to the earlier
 * image and position.
 */
final class TopActivations {
    /**
     * An image's extreme activation for one unit.
     *
     * @param image the image index
     * @param value the maximum (or minimum) activation
     * @param position the row-major layer position of it
     */
    record Hit(int image, float value, int position) {
    }

    private final int k;
    private final int units;
    private final int plane;
    private final boolean minimize;
    private final List<PriorityQueue<Hit>> heaps = new ArrayList<>();
    private final Comparator<Hit> better;

    TopActivations(int k, int units, int plane, boolean minimize) {
        this.k = k;
        this.units = units;
        this.plane = plane;
        this.minimize = minimize;
        Comparator<Hit> byValue = Comparator.comparingDouble(h -> minimize ? -h.value() : h.value());
        this.better = byValue.thenComparing(Comparator.comparingInt(Hit::image).reversed());
        for (int u = 0; u < units; u++) {
            heaps.add(new PriorityQueue<>(better));
        }
    }

    /** Adds a batch {@code [n, units, h, w]} whose images have the given indices. */
    void add(float[] data, int[] images, int n) {
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < units; u++) {
                int from = (i * units + u) * plane;
                int best = from;
                for (int j = from + 1; j < from + plane; j++) {
                    if (minimize ? data[j] < data[best] : data[j] > data[best]) {
                        best = j;
                    }
                }
                Hit h = new Hit(images[i], data[best], best - from);
                PriorityQueue<Hit> heap = heaps.get(u);
                if (heap.size() < k) {
                    heap.add(h);
                } else if (better.compare(h, heap.peek()) > 0) {
                    heap.poll();
                    heap.add(h);
                }
            }
        }
    }

    /** Unit {@code u}'s hits, best first. */
    List<Hit> of(int u) {
        List<Hit> list = new ArrayList<>(heaps.get(u));
        list.sort(better.reversed());
        return list;
    }
}
