package dev.neurolens.lrp.internal;

import java.util.List;

/**
 * Per-channel box bounds of a tensor (one value applies to every channel); lists, so that rules
 * holding them compare by value.
 *
 * @param low the lowest values
 * @param high the highest values
 */
record Bounds(List<Float> low, List<Float> high) {

    /** Compact constructor: copies. */
    Bounds {
        low = List.copyOf(low);
        high = List.copyOf(high);
    }

    static Bounds of(float[] low, float[] high) {
        return new Bounds(list(low), list(high));
    }

    float[][] arrays() {
        return new float[][] {array(low), array(high)};
    }

    private static List<Float> list(float[] v) {
        Float[] boxed = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            boxed[i] = v[i];
        }
        return List.of(boxed);
    }

    private static float[] array(List<Float> v) {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
