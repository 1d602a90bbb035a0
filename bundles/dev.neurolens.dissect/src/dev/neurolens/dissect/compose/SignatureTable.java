package dev.neurolens.dissect.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pixels of a dataset grouped by their <em>signature</em>, the set of concepts they carry
 * (one per category and mask layer, plus whole-image labels). A formula holds for all pixels of a
 * signature or for none, so every pixel count a formula's IoU needs is a sum over signatures: a
 * dataset of millions of pixels has only thousands of signatures. Not thread-safe; tables of
 * disjoint image sets are merged with {@link #merge}.
 */
public final class SignatureTable {
    private final Map<Key, Integer> ids = new HashMap<>();
    private final List<int[]> signatures = new ArrayList<>();
    private long[] counts = new long[64];

    /**
     * The id of the signature with these concepts (sorted ascending, without repeats), adding
     * {@code pixels} to its count.
     */
    public int add(int[] concepts, int length, long pixels) {
        int id = intern(Arrays.copyOf(concepts, length));
        counts[id] += pixels;
        return id;
    }

    /** Adds {@code pixels} to the count of signature {@code id}. */
    public void addPixels(int id, long pixels) {
        counts[id] += pixels;
    }

    private int intern(int[] concepts) {
        Key key = new Key(concepts);
        Integer id = ids.get(key);
        if (id == null) {
            id = signatures.size();
            ids.put(key, id);
            signatures.add(concepts);
            if (id == counts.length) {
                counts = Arrays.copyOf(counts, 2 * counts.length);
            }
        }
        return id;
    }

    /** The number of signatures. */
    public int size() {
        return signatures.size();
    }

    /** The concepts of signature {@code id} (do not modify). */
    public int[] concepts(int id) {
        return signatures.get(id);
    }

    /** The pixels with signature {@code id}. */
    public long count(int id) {
        return counts[id];
    }

    /**
     * Adds {@code other}'s signatures and counts.
     *
     * @return for each of {@code other}'s ids, its id in this table
     */
    public int[] merge(SignatureTable other) {
        int[] map = new int[other.size()];
        for (int i = 0; i < other.size(); i++) {
            map[i] = intern(other.concepts(i));
            counts[map[i]] += other.count(i);
        }
        return map;
    }

    /**
     * Per concept, the set of signatures that carry it, as bit sets over signature ids
     * ({@code (ceil(size / 64))} words each).
     */
    public long[][] conceptBits(int concepts) {
        int words = (size() + 63) / 64;
        long[][] bits = new long[concepts][words];
        for (int s = 0; s < size(); s++) {
            for (int c : signatures.get(s)) {
                bits[c][s >>> 6] |= 1L << s;
            }
        }
        return bits;
    }

    private record Key(int[] concepts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(concepts, k.concepts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(concepts);
        }
    }
}
