package dev.neurolens.dissect.compose;

import java.util.Arrays;

/**
 * How many of one unit's activated pixels carry each signature of a {@link SignatureTable}: a
 * sparse histogram (a unit fires on few signatures).
 */
public final class UnitSignatures {
    private int[] ids = new int[16];
    private long[] counts = new long[16];
    private int size;
    private long total;
    private int[] slot = new int[0];

    /** Adds {@code pixels} activated pixels with signature {@code id}. */
    public void add(int id, long pixels) {
        if (id >= slot.length) {
            int old = slot.length;
            slot = Arrays.copyOf(slot, Math.max(id + 1, 2 * old));
            Arrays.fill(slot, old, slot.length, -1);
        }
        int s = slot[id];
        if (s < 0) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                counts = Arrays.copyOf(counts, 2 * size);
            }
            s = size++;
            slot[id] = s;
            ids[s] = id;
        }
        counts[s] += pixels;
        total += pixels;
    }

    /** Adds another histogram whose ids are mapped through {@code map} (see {@link SignatureTable#merge}). */
    public void merge(UnitSignatures other, int[] map) {
        for (int i = 0; i < other.size; i++) {
            add(map[other.ids[i]], other.counts[i]);
        }
    }

    /** The number of distinct signatures. */
    public int size() {
        return size;
    }

    /** The {@code i}-th signature id (in no particular order). */
    public int id(int i) {
        return ids[i];
    }

    /** The activated pixels with the {@code i}-th signature. */
    public long count(int i) {
        return counts[i];
    }

    /** All activated pixels, {@code |M_k|}. */
    public long total() {
        return total;
    }
}
