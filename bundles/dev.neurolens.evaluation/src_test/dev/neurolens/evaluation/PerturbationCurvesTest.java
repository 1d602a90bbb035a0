package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deletion and insertion curves of a linear toy model, whose curves and AUCs are known by hand. */
class PerturbationCurvesTest {
    /** The toy model: score = (sum of the inputs) / 10; it records the batch sizes it was given. */
    private static final class LinearScorer implements ClassScorer {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public double[] scores(Tensor batch, int[] targets) {
            batches.add(batch.dim(0));
            int per = batch.size() / batch.dim(0);
            double[] s = new double[batch.dim(0)];
            for (int r = 0; r < s.length; r++) {
                for (int i = 0; i < per; i++) {
                    s[r] += batch.get(r * per + i) / 10.0;
                }
            }
            return s;
        }
    }

    /** One channel, 2x2 pixels with values 4, 3, 2, 1 (sum 10), scattered. */
    private static final Tensor IMAGE = Tensor.wrap(new float[] {2, 4, 1, 3}, 1, 2, 2);

    @Test
    void aMapInTheModelsOwnOrderGivesTheHandComputedCurves() {
        Tensor map = IMAGE.reshape(2, 2); // ranks pixels exactly by their contribution
        PerturbationCurves c = new PerturbationCurves(4, 0f, 64, Layout.NCHW);
        LinearScorer scorer = new LinearScorer();
        double[][] deletion = c.curves(PerturbationCurves.Kind.DELETION, List.of(IMAGE), List.of(map), new int[] {0},
                scorer);
        double[][] insertion = c.curves(PerturbationCurves.Kind.INSERTION, List.of(IMAGE), List.of(map),
                new int[] {0}, scorer);
        assertArrayEquals(new double[] {1, 0.6, 0.3, 0.1, 0}, deletion[0], 1e-7);
        assertArrayEquals(new double[] {0, 0.4, 0.7, 0.9, 1}, insertion[0], 1e-7);
        // trapezoid with dx = 1/4: (1/4)(1/2 + 0.6 + 0.3 + 0.1) = 0.375; (1/4)(0.4 + 0.7 + 0.9 + 1/2) = 0.625
        assertEquals(0.375, PerturbationCurves.areas(deletion)[0], 1e-7);
        assertEquals(0.625, PerturbationCurves.areas(insertion)[0], 1e-7);
    }

    @Test
    void theReversedMapIsTheWorstOrderAndAFillShiftsTheCurve() {
        Tensor reversed = Tensor.wrap(new float[] {-2, -4, -1, -3}, 2, 2);
        PerturbationCurves c = new PerturbationCurves(4, 0f, 64, Layout.NCHW);
        double[][] deletion = c.curves(PerturbationCurves.Kind.DELETION, List.of(IMAGE), List.of(reversed),
                new int[] {0}, new LinearScorer());
        assertArrayEquals(new double[] {1, 0.9, 0.7, 0.4, 0}, deletion[0], 1e-7);
        assertEquals(0.625, PerturbationCurves.areas(deletion)[0], 1e-7);
        PerturbationCurves filled = new PerturbationCurves(2, 1f, 64, Layout.NCHW);
        double[][] withFill = filled.curves(PerturbationCurves.Kind.DELETION, List.of(IMAGE),
                List.of(IMAGE.reshape(2, 2)), new int[] {0}, new LinearScorer());
        // half the pixels (4 and 3) become 1: (1 + 1 + 2 + 1) / 10; all become 1: 4 / 10
        assertArrayEquals(new double[] {1, 0.5, 0.4}, withFill[0], 1e-7);
    }

    @Test
    void channelsOfAPixelAreRemovedTogetherInEitherLayoutAndRowsGoInBatches() {
        // two channels, NHWC [H=1, W=2, C=2]: pixel 0 = (1, 2), pixel 1 = (3, 4); the map prefers pixel 1
        Tensor hwc = Tensor.wrap(new float[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor map = Tensor.wrap(new float[] {0, 1}, 1, 2);
        LinearScorer scorer = new LinearScorer();
        PerturbationCurves c = new PerturbationCurves(2, 0f, 4, Layout.NHWC);
        double[][] d = c.curves(PerturbationCurves.Kind.DELETION, List.of(hwc, hwc), List.of(map, map),
                new int[] {0, 0}, scorer);
        assertArrayEquals(new double[] {1, 0.3, 0}, d[0], 1e-7);
        assertArrayEquals(d[0], d[1], 0);
        assertEquals(List.of(4, 2), scorer.batches, "6 rows in batches of at most 4");
    }
}
