package dev.neurolens.engine.onnxruntime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowSplitTest {
    private final ExecutorService helpers = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        helpers.shutdownNow();
    }

    private static int[] sizes(RowSplit s) {
        int[] r = new int[s.parts()];
        for (int i = 0; i < r.length; i++) {
            r[i] = s.rows(i);
        }
        return r;
    }

    @Test
    void partsAreAsManyAsThreadsOfNearlyEqualSizeAndCoverEveryRowOnce() {
        assertArrayEquals(new int[] {32, 32}, sizes(RowSplit.of(64, 2)));
        assertArrayEquals(new int[] {12, 13, 12, 13}, sizes(RowSplit.of(50, 4)));
        RowSplit s = RowSplit.of(9, 2);
        assertArrayEquals(new int[] {4, 5}, sizes(s));
        assertEquals(0, s.start(0));
        assertEquals(4, s.start(1));
    }

    @Test
    void smallBatchesAndSingleThreadsRunWhole() {
        assertTrue(RowSplit.of(1, 2).whole());
        assertTrue(RowSplit.of(7, 2).whole(), "two parts would have fewer than 4 rows");
        assertArrayEquals(new int[] {64}, sizes(RowSplit.of(64, 1)));
        assertArrayEquals(new int[] {5, 5}, sizes(RowSplit.of(10, 8)), "no part under 4 rows");
    }

    private static Map<String, Tensor> rows(RowSplit s, int i) {
        float[] logits = new float[s.rows(i) * 2];
        for (int r = 0; r < s.rows(i); r++) {
            logits[2 * r] = s.start(i) + r; // the row's index, to check the order
            logits[2 * r + 1] = -(s.start(i) + r);
        }
        return Map.of("logits", Tensor.wrap(logits, s.rows(i), 2),
                "grad", Tensor.wrap(new float[] {1, i, s.rows(i)}, 1, 3));
    }

    @Test
    void rowOutputsAreConcatenatedInOrderAndSummedOutputsAdded() {
        RowSplit s = RowSplit.of(10, 3);
        Map<String, Tensor> out = s.run(i -> rows(s, i), helpers, Set.of("grad"));
        Tensor logits = out.get("logits");
        assertArrayEquals(new int[] {10, 2}, logits.shape());
        for (int r = 0; r < 10; r++) {
            assertEquals(r, logits.at(r, 0));
            assertEquals(-r, logits.at(r, 1));
        }
        assertArrayEquals(new float[] {2, 1, 10}, out.get("grad").data(), "1+1, 0+1, 5+5");
    }

    @Test
    void aWholeBatchRunsOnTheCallingThreadAndComesBackAsIs() {
        RowSplit s = RowSplit.of(3, 2);
        Thread caller = Thread.currentThread();
        Map<String, Tensor> one = Map.of("logits", Tensor.zeros(3, 2));
        assertSame(one, s.run(i -> {
            assertSame(caller, Thread.currentThread());
            return one;
        }, helpers, Set.of()));
    }

    @Test
    void aFailingPartFailsTheRunAfterEveryOtherPartHasEnded() {
        RowSplit s = RowSplit.of(64, 2);
        AtomicBoolean otherEnded = new AtomicBoolean();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run(i -> {
            if (i == 0) {
                throw new IllegalStateException("part 0 failed");
            }
            sleep(200);
            otherEnded.set(true);
            return rows(s, i);
        }, helpers, Set.of()));
        assertEquals("part 0 failed", e.getMessage());
        assertTrue(otherEnded.get(), "the caller's part had finished (and closed its inputs) before the failure came out");
    }

    @Test
    void aCancellationInTheCallersPartComesOutAsACancellation() {
        RowSplit s = RowSplit.of(64, 2);
        assertThrows(CancelledException.class, () -> s.run(i -> {
            if (i == 1) {
                throw new CancelledException();
            }
            return rows(s, i);
        }, helpers, Set.of()));
    }

    @Test
    void partsOfASumMustHaveOneShape() {
        Map<String, Tensor> a = Map.of("grad", Tensor.zeros(1, 3));
        Map<String, Tensor> b = Map.of("grad", Tensor.zeros(1, 4));
        assertThrows(IllegalStateException.class, () -> RowSplit.merge(List.of(a, b), Set.of("grad")));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
