package dev.neurolens.lrp.rules;

import dev.neurolens.graph.compile.Emitter;
import java.util.List;
import java.util.Map;

/** The element-wise ONNX arithmetic the rules are written in. */
public final class Ops {
    private Ops() {
    }

    /** {@code max(t, 0)}. */
    static String pos(Emitter e, String t) {
        return e.node("Relu", List.of(t), Map.of());
    }

    /** {@code min(t, 0)}. */
    static String neg(Emitter e, String t) {
        return e.node("Min", List.of(t, e.scalar(0f)), Map.of());
    }

    static String add(Emitter e, String a, String b) {
        return e.node("Add", List.of(a, b), Map.of());
    }

    static String sub(Emitter e, String a, String b) {
        return e.node("Sub", List.of(a, b), Map.of());
    }

    static String mul(Emitter e, String a, String b) {
        return e.node("Mul", List.of(a, b), Map.of());
    }

    static String scale(Emitter e, String a, double factor) {
        return mul(e, a, e.scalar((float) factor));
    }

    /** {@code a + factor · b}. */
    static String addScaled(Emitter e, String a, String b, double factor) {
        return add(e, a, scale(e, b, factor));
    }

    /**
     * {@code r / stab(z)} with {@code stab(z) = z + ε·sign(z)} and {@code sign(0) = +1} (Zennit's
     * {@code Stabilizer}), so a unit with {@code z = 0} divides by ε instead of 0; with
     * {@code ε = 0} (LRP-0) the quotient is defined as 0 where {@code z = 0}.
     *
     * @return the name of the quotient tensor
     */
    public static String divide(Emitter e, String r, String z, double epsilon) {
        if (epsilon == 0) {
            String zero = e.node("Equal", List.of(z, e.scalar(0f)), Map.of());
            String safe = e.node("Where", List.of(zero, e.scalar(1f), z), Map.of());
            String q = e.node("Div", List.of(r, safe), Map.of());
            return e.node("Where", List.of(zero, e.scalar(0f), q), Map.of());
        }
        String nonNegative = e.node("GreaterOrEqual", List.of(z, e.scalar(0f)), Map.of());
        String shift = e.node("Where", List.of(nonNegative, e.scalar((float) epsilon), e.scalar((float) -epsilon)),
                Map.of());
        return e.node("Div", List.of(r, add(e, z, shift)), Map.of());
    }

    /** A sum of terms (at least one). */
    static String sum(Emitter e, List<String> terms) {
        return terms.size() == 1 ? terms.get(0) : e.node("Sum", terms, Map.of());
    }
}
