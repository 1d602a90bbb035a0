package dev.neurolens.graph.reference;

import static dev.neurolens.graph.reference.Models.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {
    private final ReferenceEvaluator evaluator = new ReferenceEvaluator();

    @Test
    void gradientOfASmoothFunction() {
        // f(x) = Σ c_i·x_i³, ∇f = 3·c·x²
        double[] c = {1, -2, 0.5};
        ToDoubleFunction<DoubleTensor> f = x -> {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += c[i] * Math.pow(x.get(i), 3);
            }
            return s;
        };
        DoubleTensor x = DoubleTensor.of(new double[] {0.5, -3, 10}, 3);
        GradientEstimate g = new FiniteDifferences(f).gradient(x);
        double[] expected = {3 * 0.25, -2 * 3 * 9, 0.5 * 3 * 100};
        // rounding error ε·|f|/h ≈ 1.1e-16 · 554 / 1e-6 ≈ 6e-8; truncation h²·|f'''|/6 is far smaller
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], g.central().get(i), 1e-6 * Math.max(1, Math.abs(expected[i])));
        }
        assertFalse(g.nearKink(1e-3)[0]);
    }

    @Test
    void kinksShowAsAsymmetry() {
        // relu at 1e-9 lies within the step: forward slope 1, backward about 0
        ModelBuilder m = withInput(2);
        m.node("Relu").inputs("x").outputs("y");
        ModelProto model = m.output("y").build();
        DoubleTensor x = DoubleTensor.of(new double[] {1e-9, 0.3}, 2);
        DoubleTensor seed = DoubleTensor.of(new double[] {1, 1}, 2);
        ToDoubleFunction<DoubleTensor> f = FiniteDifferences.seededOutput(evaluator, model, Map.of("x", x), "x", "y",
                seed);
        GradientEstimate g = new FiniteDifferences(f).gradient(x);
        assertArrayEquals(new boolean[] {true, false}, g.nearKink(0.1));
        assertEquals(1, g.central().get(1), 1e-9);
        Difference d = new FiniteDifferences(f).derivative(x, 0);
        assertEquals(1, d.forward(), 1e-6);
        assertEquals(0.5 + 0.5e-3, d.central(), 1e-3, "the central difference is off by half the asymmetry");
    }

    @Test
    void seededOutputWithRespectToInputsWeightsAndIntermediates() {
        // y = (x·w)², seed s: ∂/∂x = 2·s·x·w², ∂/∂w = 2·s·x²·w, ∂/∂t (t = x·w) = 2·s·t
        ModelBuilder m = withInput(2).initializer("w", new float[] {3, -1}, 2);
        m.node("Mul").inputs("x", "w").outputs("t");
        m.node("Mul").inputs("t", "t").outputs("y");
        ModelProto model = m.output("y").build();
        Map<String, DoubleTensor> point = Map.of("x", DoubleTensor.of(new double[] {2, 5}, 2));
        DoubleTensor seed = DoubleTensor.of(new double[] {1, 0.5}, 2);
        DoubleTensor gx = gradient(model, point, "x", seed, DoubleTensor.of(new double[] {2, 5}, 2));
        assertArrayEquals(new double[] {2 * 2 * 9, 2 * 0.5 * 5 * 1}, gx.values(), 1e-6);
        DoubleTensor gw = gradient(model, point, "w", seed, DoubleTensor.of(new double[] {3, -1}, 2));
        assertArrayEquals(new double[] {2 * 4 * 3, 2 * 0.5 * 25 * -1}, gw.values(), 1e-6);
        DoubleTensor gt = gradient(model, point, "t", seed, DoubleTensor.of(new double[] {6, -5}, 2));
        assertArrayEquals(new double[] {12, -5}, gt.values(), 1e-6);
    }

    private DoubleTensor gradient(ModelProto model, Map<String, DoubleTensor> point, String wrt, DoubleTensor seed,
            DoubleTensor at) {
        return new FiniteDifferences(FiniteDifferences.seededOutput(evaluator, model, point, wrt, "y", seed))
                .gradient(at).central();
    }

    @Test
    void directionalDerivative() {
        ToDoubleFunction<DoubleTensor> f = x -> Math.sin(x.get(0)) * x.get(1);
        DoubleTensor x = DoubleTensor.of(new double[] {0.3, 2}, 2);
        DoubleTensor d = DoubleTensor.of(new double[] {1, -1}, 2);
        double expected = Math.cos(0.3) * 2 - Math.sin(0.3);
        Difference diff = new FiniteDifferences(f).directional(x, d);
        assertEquals(expected, diff.central(), 1e-9);
        assertTrue(diff.asymmetry() < 1e-4);
        assertThrows(IllegalArgumentException.class, () -> new FiniteDifferences(f).directional(x, DoubleTensor.zeros(2)));
    }

    @Test
    void seededOutputChecksItsArguments() {
        ModelBuilder m = withInput(2).initializer("w", new float[] {3, -1}, 2);
        m.node("Mul").inputs("w", "w").outputs("ww");
        m.node("Mul").inputs("x", "x").outputs("y");
        ModelProto model = m.output("y").build();
        Map<String, DoubleTensor> point = Map.of("x", DoubleTensor.zeros(2));
        assertThrows(NeuroLensException.class, () -> FiniteDifferences.seededOutput(evaluator, model, point, "nope", "y",
                DoubleTensor.zeros(2)));
        assertThrows(NeuroLensException.class, () -> FiniteDifferences.seededOutput(evaluator, model, point, "x", "y",
                DoubleTensor.zeros(3)));
        assertThrows(NeuroLensException.class, () -> FiniteDifferences.seededOutput(evaluator, model, point, "ww", "y",
                DoubleTensor.zeros(2)));
    }
}
