package dev.neurolens.evaluation.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Ranks of values, ties sharing the average of the ranks they span (scipy's {@code rankdata(method='average')}). */
public final class Ranks {
    private Ranks() {
    }

    /**
     * The 1-based ranks of {@code values}: the smallest value gets rank 1; equal values all get the
     * mean of the ranks they occupy (e.g. {@code [10, 20, 20, 30]} → {@code [1, 2.5, 2.5, 4]}).
     */
    public static double[] average(float[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // mean of the 1-based ranks start+1 .. end
            for (int k = start; k < end; k++) {
                ranks[order[k]] = rank;
            }
            start = end;
        }
        return ranks;
    }
}
