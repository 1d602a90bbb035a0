package dev.neurolens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.dissect.compose.BeamSearch;
import dev.neurolens.dissect.compose.CompositionSettings;
import dev.neurolens.dissect.compose.Formula;
import dev.neurolens.dissect.compose.ScoredFormula;
import dev.neurolens.dissect.compose.SignatureTable;
import dev.neurolens.dissect.compose.UnitSignatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compositional explanations on a small random "dataset" of pixels with concepts of two groups:
 * formula IoUs from signature counts equal per-pixel counts, and the beam search with a beam wide
 * enough to keep everything finds the brute-force optimum over all formulas up to length 3.
 */
class BeamSearchTest {
    private static final int CONCEPTS = 6;
    private static final int PIXELS = 3000;

    private final int[][] pixels = new int[PIXELS][];
    private final boolean[] active = new boolean[PIXELS];
    private final SignatureTable table = new SignatureTable();
    private final UnitSignatures unit = new UnitSignatures();

    BeamSearchTest() {
        Random r = new Random(3);
        for (int p = 0; p < PIXELS; p++) {
            int a = r.nextInt(4) - 1;          // concept 0..2 or none
            int b = 3 + r.nextInt(4) - 1;      // concept 3..5 or none (2 means none)
            int[] set = a < 0 && b < 3 ? new int[0] : a < 0 ? new int[] {b} : b < 3 ? new int[] {a} : new int[] {a, b};
            pixels[p] = set;
            // the unit fires mostly on (0 OR 1) AND NOT 4, with noise
            boolean rule = (has(set, 0) || has(set, 1)) && !has(set, 4);
            active[p] = rule ? r.nextDouble() < 0.8 : r.nextDouble() < 0.05;
            int id = table.add(set, set.length, 1);
            if (active[p]) {
                unit.add(id, 1);
            }
        }
    }

    private static boolean has(int[] set, int c) {
        return Arrays.stream(set).anyMatch(x -> x == c);
    }

    private double direct(Formula f) {
        long inter = 0;
        long union = 0;
        for (int p = 0; p < PIXELS; p++) {
            int[] set = pixels[p];
            boolean in = f.test(c -> has(set, c));
            inter += in && active[p] ? 1 : 0;
            union += in || active[p] ? 1 : 0;
        }
        return inter / (union + 1e-10);
    }

    private static List<Formula> all(int maxLength) {
        List<Formula> out = new ArrayList<>();
        List<Formula> level = new ArrayList<>();
        for (int c = 0; c < CONCEPTS; c++) {
            level.add(Formula.of(c));
        }
        out.addAll(level);
        for (int len = 2; len <= maxLength; len++) {
            List<Formula> next = new ArrayList<>();
            for (Formula f : level) {
                for (int c = 0; c < CONCEPTS; c++) {
                    for (Formula.Op op : Formula.Op.values()) {
                        next.add(f.then(op, c));
                    }
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    @Test
    void signatureIousEqualPixelCounts() {
        BeamSearch search = new BeamSearch(table, CONCEPTS, CompositionSettings.DEFAULTS);
        for (Formula f : all(3)) {
            assertEquals(direct(f), search.iou(f, unit), 1e-12, f.text(Integer::toString));
        }
    }

    @Test
    void wideBeamFindsTheBruteForceOptimum() {
        for (double penalty : new double[] {1.0, 0.8}) {
            List<Formula> all = all(3);
            double best = all.stream()
                    .mapToDouble(f -> Math.pow(penalty, f.length() - 1) * direct(f)).max().orElseThrow();
            ScoredFormula wide = new BeamSearch(table, CONCEPTS, new CompositionSettings(3, all.size(), penalty))
                    .best(unit);
            assertEquals(best, wide.score(), 1e-12);
            assertEquals(direct(wide.formula()), wide.iou(), 1e-12);
            ScoredFormula narrow = new BeamSearch(table, CONCEPTS, new CompositionSettings(3, 5, penalty)).best(unit);
            assertTrue(narrow.score() <= best + 1e-12);
            double bestSingle = java.util.stream.IntStream.range(0, CONCEPTS)
                    .mapToDouble(c -> direct(Formula.of(c))).max().orElseThrow();
            assertTrue(narrow.score() >= bestSingle - 1e-12);
        }
        ScoredFormula f = new BeamSearch(table, CONCEPTS, CompositionSettings.DEFAULTS).best(unit);
        // the planted rule, in some equivalent spelling, beats every single concept by far
        assertTrue(f.iou() > 0.7, f.formula().text(Integer::toString) + " " + f.iou());
        String text = f.formula().text(Integer::toString);
        assertTrue(text.equals("(0 OR 1) AND NOT 4") || text.equals("(1 OR 0) AND NOT 4"), text);
    }

    @Test
    void lengthOneIsTheBestSingleConcept() {
        ScoredFormula f = new BeamSearch(table, CONCEPTS, new CompositionSettings(1, 5, 1)).best(unit);
        assertEquals(1, f.formula().length());
        for (int c = 0; c < CONCEPTS; c++) {
            assertTrue(direct(Formula.of(c)) <= f.iou() + 1e-12);
        }
    }
}
