package dev.neurolens.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.attribution.support.ImageGeometry;
import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.attribution.support.Targets;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Java-side pieces of the methods: windows, blur, baselines, parameters, targets, moments. */
class MathTest {

    @Test
    void occlusionWindowsSlideAsCaptumDoes() {
        OcclusionWindows w = new OcclusionWindows(5, 6, 2, 2);
        // rows: 0, 2 (4 would not fit); columns 0, 2, 4
        assertEquals(List.of(new OcclusionWindows.Window(0, 0), new OcclusionWindows.Window(0, 2),
                new OcclusionWindows.Window(0, 4), new OcclusionWindows.Window(2, 0), new OcclusionWindows.Window(2, 2),
                new OcclusionWindows.Window(2, 4)), w.all());
        assertEquals(1, new OcclusionWindows(32, 32, 32, 1).all().size());
        assertEquals(29 * 29, new OcclusionWindows(32, 32, 4, 1).all().size());
        assertThrows(IllegalArgumentException.class, () -> new OcclusionWindows(4, 4, 5, 1));
    }

    @Test
    void gaussianKernelIsNormalizedAndMirroringIsScipysReflect() {
        double[] k = GaussianBlur.kernel(1.0);
        assertEquals(9, k.length);
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(k[3], k[5], 0);
        // reflect: d c b a | a b c d | d c b a
        int[] expected = {1, 0, 0, 1, 2, 3, 3, 2};
        for (int i = -2; i < 6; i++) {
            assertEquals(expected[i + 2], GaussianBlur.mirror(i, 4), "index " + i);
        }
    }

    @Test
    void blurKeepsConstantImagesAndTheMeanOfAnImpulseRow() {
        ImageGeometry g = new ImageGeometry(1, 1, 9, true);
        float[] v = new float[9];
        v[4] = 1;
        Tensor blurred = GaussianBlur.blur(Tensor.wrap(v, 1, 1, 9), g, 1.0);
        double[] k = GaussianBlur.kernel(1.0);
        for (int x = 0; x < 9; x++) {
            assertEquals(k[x], blurred.get(x), 1e-6, "x=" + x);
        }
        Tensor constant = Tensor.wrap(new float[] {2, 2, 2, 2, 2, 2, 2, 2}, 2, 2, 2);
        Tensor out = GaussianBlur.blur(constant, new ImageGeometry(2, 2, 2, true), 3.0);
        for (int i = 0; i < out.size(); i++) {
            assertEquals(2f, out.get(i), 1e-6f);
        }
    }

    @Test
    void blackBaselineIsPixelZeroPreprocessed() {
        Preprocessing pre = new Preprocessing(2, 1, Preprocessing.ChannelOrder.RGB, Preprocessing.Layout.NHWC, 255f,
                new float[] {0.5f, 0.25f, 0f}, new float[] {0.5f, 0.25f, 2f}, Preprocessing.Resize.STRETCH, List.of());
        ImageGeometry g = new ImageGeometry(3, 1, 2, false);
        Tensor b = new Baseline.Black().of(Tensor.zeros(1, 1, 2, 3), 0, g, pre, new SplittableRandom(0));
        assertArrayEquals(new float[] {-1, -1, 0, -1, -1, 0}, b.data(), 1e-6f);
        Tensor u = new Baseline.Uniform().of(Tensor.zeros(1, 1, 2, 3), 0, g, pre, new SplittableRandom(0));
        for (int i = 0; i < u.size(); i++) {
            int c = i % 3;
            float lo = (0 - pre.mean()[c]) / pre.std()[c];
            float hi = (1 - pre.mean()[c]) / pre.std()[c];
            assertTrue(u.get(i) >= lo && u.get(i) <= hi, "uniform value in the pixel range");
        }
    }

    @Test
    void baselineSpecificationsAreParsedOrRejectedWithTheChoices() {
        assertTrue(Baseline.parse("zero", 1) instanceof Baseline.Zero);
        assertTrue(Baseline.parse("file:/tmp/b.npy", 1) instanceof Baseline.FromFile);
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Baseline.parse("gray", 1));
        assertTrue(e.getMessage().contains("zero, black, blur, uniform, file:<path.npy>"), e.getMessage());
    }

    @Test
    void parametersRejectUnknownNamesListingTheValidOnes() {
        IntegratedGradients ig = new IntegratedGradients();
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> Parameters.resolve(ig.id(), ig.parameters(), Map.of("stpes", "10")));
        assertTrue(e.getMessage().contains("unknown parameter 'stpes'"), e.getMessage());
        assertTrue(e.getMessage().contains("steps, rule, baseline"), e.getMessage());
        NeuroLensException bad = assertThrows(NeuroLensException.class,
                () -> Parameters.resolve(ig.id(), ig.parameters(), Map.of("rule", "simpson")));
        assertTrue(bad.getMessage().contains("gauss-legendre"), bad.getMessage());
        Parameters p = Parameters.resolve(ig.id(), ig.parameters(), Map.of("steps", "64"));
        assertEquals(64, p.integer("steps"));
        assertEquals("gauss-legendre", p.text("rule"));
        assertEquals("zero", p.text("baseline"));
    }

    @Test
    void targetsPickTheArgmaxOrCheckTheRange() {
        Tensor logits = Tensor.wrap(new float[] {0, 3, 1, 5, 2, 4}, 2, 3);
        Targets top = Targets.choose(logits, Target.PREDICTED);
        assertArrayEquals(new int[] {1, 0}, top.classes());
        assertEquals(5f, top.score(1));
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, top.seed(0, 2).data());
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1}, Targets.choose(logits, Target.of(2)).seedRepeated(0, 2)
                .data());
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Targets.choose(logits, Target.of(3)));
        assertEquals("target class 3 is out of range: the model has 3 classes (0 to 2)", e.getMessage());
    }

    @Test
    void smoothGradMomentsGiveMeanSquareAndVariance() {
        // two samples with gradients 1 and 3 for the first value, -2 and 2 for the second
        SmoothGrad.Moments m = new SmoothGrad.Moments(new double[] {4, 0}, new double[] {10, 8}, 2, new int[] {2});
        assertArrayEquals(new float[] {2, 0}, m.combine("smoothgrad").data());
        assertArrayEquals(new float[] {5, 4}, m.combine("smoothgrad-sq").data());
        assertArrayEquals(new float[] {1, 4}, m.combine("vargrad").data());
    }
}
