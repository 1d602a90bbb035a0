package dev.neurolens.graph.reference;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences of a scalar function of one tensor, in float64: per element (a whole
 * gradient) or along a direction. The step is relative to the magnitude,
 * {@code h = relativeStep · max(1, |x|)}.
 *
 * <p>Choice of the default step {@value #DEFAULT_RELATIVE_STEP}: in float64 the rounding error of a
 * central difference is about {@code ε·|f| / h ≈ 1e-16·|f| / 1e-6 = 1e-10·|f|} and its truncation
 * error {@code h²·|f'''| / 6 ≈ 2e-13·|f'''|}, both far below the float32 error (about 1e-7
 * relative) of the gradients they check. A small step also makes it unlikely that a step crosses
 * a kink of a piecewise-linear network; where one does, the {@linkplain Difference#asymmetry()
 * asymmetry} of the estimate shows it.
 *
 * <p>Instances are immutable; they are as thread-safe as the function they difference.
 */
public final class FiniteDifferences {
    /** The default relative step. */
    public static final double DEFAULT_RELATIVE_STEP = 1e-6;

    private final ToDoubleFunction<DoubleTensor> f;
    private final double relativeStep;

    /** Differences of {@code f} with the {@linkplain #DEFAULT_RELATIVE_STEP default step}. */
    public FiniteDifferences(ToDoubleFunction<DoubleTensor> f) {
        this(f, DEFAULT_RELATIVE_STEP);
    }

    /** Differences of {@code f} with steps {@code relativeStep · max(1, |x|)}. */
    public FiniteDifferences(ToDoubleFunction<DoubleTensor> f, double relativeStep) {
        if (!(relativeStep > 0)) {
            throw new IllegalArgumentException("the relative step must be positive");
        }
        this.f = f;
        this.relativeStep = relativeStep;
    }

    /**
     * The scalar {@code ⟨seed, output⟩} of a model as a function of one of its tensors: a graph
     * input, an initializer or an intermediate tensor (whose computed value the argument then
     * replaces). The model is evaluated once at {@code values}; each call re-evaluates only the
     * nodes downstream of {@code wrt}.
     *
     * @param evaluator the evaluator to run the model with
     * @param model the model
     * @param values the point: values of the graph inputs (and any overrides, see
     *     {@link ReferenceEvaluator#evaluate})
     * @param wrt the tensor the function takes
     * @param output the tensor the seed is applied to
     * @param seed the weights of {@code output}'s elements, of its shape
     * @throws NeuroLensException if a tensor is unknown, {@code output} does not depend on
     *     {@code wrt}, or the seed's shape differs from the output's
     */
    public static ToDoubleFunction<DoubleTensor> seededOutput(ReferenceEvaluator evaluator, ModelProto model,
            Map<String, DoubleTensor> values, String wrt, String output, DoubleTensor seed) {
        Map<String, DoubleTensor> base = evaluator.evaluate(model, values);
        for (String t : new String[] {wrt, output}) {
            if (!base.containsKey(t)) {
                throw new NeuroLensException("tensor '" + t + "' is not in the model");
            }
        }
        if (!Arrays.equals(base.get(output).dims(), seed.dims())) {
            throw new NeuroLensException("the seed has shape " + Arrays.toString(seed.dims()) + ", output '" + output
                    + "' " + Arrays.toString(base.get(output).dims()));
        }
        Set<String> downstream = downstreamOf(model, wrt);
        if (!downstream.contains(output) && !output.equals(wrt)) {
            throw new NeuroLensException("'" + output + "' does not depend on '" + wrt + "'");
        }
        Map<String, DoubleTensor> fixed = new HashMap<>(values);
        base.forEach((name, value) -> {
            if (!downstream.contains(name)) {
                fixed.put(name, value);
            }
        });
        return x -> {
            Map<String, DoubleTensor> point = new HashMap<>(fixed);
            point.put(wrt, x);
            return seed.dot(evaluator.evaluate(model, point).get(output));
        };
    }

    /** The step for a coordinate of value {@code x}: {@code relativeStep · max(1, |x|)}. */
    public double step(double x) {
        return relativeStep * Math.max(1, Math.abs(x));
    }

    /** The estimates of {@code ∂f/∂x[index]} at {@code x}. */
    public Difference derivative(DoubleTensor x, int index) {
        return derivative(x, index, f.applyAsDouble(x));
    }

    /** The finite-difference gradient of {@code f} at {@code x}: 2 evaluations per element, plus one. */
    public GradientEstimate gradient(DoubleTensor x) {
        double f0 = f.applyAsDouble(x);
        double[] central = new double[x.size()];
        double[] asymmetry = new double[x.size()];
        for (int i = 0; i < central.length; i++) {
            Difference d = derivative(x, i, f0);
            central[i] = d.central();
            asymmetry[i] = d.asymmetry();
        }
        return new GradientEstimate(DoubleTensor.wrap(central, x.dims(), x.elementType()),
                DoubleTensor.wrap(asymmetry, x.dims(), x.elementType()));
    }

    /**
     * The estimates of the directional derivative {@code ⟨∇f(x), d⟩}, with a step that moves no
     * coordinate by more than {@code relativeStep · max(1, ‖x‖∞)}.
     *
     * @throws IllegalArgumentException if the direction is zero or its shape differs from x's
     */
    public Difference directional(DoubleTensor x, DoubleTensor direction) {
        double scale = direction.maxAbs();
        if (scale == 0) {
            throw new IllegalArgumentException("the direction is zero");
        }
        return directional(x, direction, step(x.maxAbs()) / scale);
    }

    /** The estimates of {@code ⟨∇f(x), d⟩} with the step {@code h} along {@code d}. */
    public Difference directional(DoubleTensor x, DoubleTensor direction, double h) {
        double f0 = f.applyAsDouble(x);
        double fp = f.applyAsDouble(x.plus(direction, h));
        double fm = f.applyAsDouble(x.plus(direction, -h));
        return new Difference((fp - fm) / (2 * h), (fp - f0) / h, (f0 - fm) / h, h);
    }

    private Difference derivative(DoubleTensor x, int index, double f0) {
        double xi = x.get(index);
        double h = step(xi);
        double up = xi + h;
        double down = xi - h;
        // the steps actually taken, after rounding x ± h to float64
        double hUp = up - xi;
        double hDown = xi - down;
        double fp = f.applyAsDouble(x.with(index, up));
        double fm = f.applyAsDouble(x.with(index, down));
        return new Difference((fp - fm) / (hUp + hDown), (fp - f0) / hUp, (f0 - fm) / hDown, h);
    }

    /** The tensors computed from {@code root} (root excluded). */
    private static Set<String> downstreamOf(ModelProto model, String root) {
        Set<String> reached = new HashSet<>(Set.of(root));
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getInputList().stream().anyMatch(reached::contains)) {
                n.getOutputList().stream().filter(o -> !o.isEmpty()).forEach(reached::add);
            }
        }
        reached.remove(root);
        return reached;
    }
}
