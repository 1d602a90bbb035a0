package dev.neurolens.engine.onnxruntime.gradients;

import java.util.List;

/**
 * Add, Sub, Mul, Div and Sum with numpy broadcasting: the gradient of an operand that was
 * broadcast must be summed back to its shape. Operands are weights (whose gradients are checked
 * too), tensors computed from x (GlobalAveragePool, Slice), or x itself used twice.
 * Denominators keep |v| ≥ 0.5.
 */
final class BroadcastCases {
    private BroadcastCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                withWeight("Add", "channel bias [3,1,1]", 1, new int[] {2, 3, 4, 5}, new int[] {3, 1, 1}),
                withWeight("Add", "lower rank [5]", 2, new int[] {2, 3, 4, 5}, new int[] {5}),
                withWeight("Add", "weight broadcast up [1,3,1]", 3, new int[] {2, 1, 4}, new int[] {1, 3, 1}),
                withWeight("Sub", "x - b, b [4,1]", 4, new int[] {2, 4, 3}, new int[] {4, 1}),
                weightFirst("Sub", "b - x, b [3]", 5, new int[] {2, 3}, new int[] {3}),
                withWeight("Mul", "per-channel scale [1,3,1,1]", 6, new int[] {2, 3, 4, 4}, new int[] {1, 3, 1, 1}),
                withWeight("Mul", "scalar weight", 7, new int[] {2, 3}, new int[0]),
                withWeight("Div", "x / b, b [3,1]", 8, new int[] {2, 3, 4}, new int[] {3, 1}),
                weightFirst("Div", "b / x, b [4]", 9, new int[] {2, 3, 4}, new int[] {4}),
                squeezeExcite("Mul", "x * GlobalAveragePool(x)", 10),
                squeezeExcite("Sub", "x - GlobalAveragePool(x)", 11),
                squeezeExcite("Div", "x / GlobalAveragePool(x)", 12),
                sameTensorTwice("Mul", "x * x", 13),
                sameTensorTwice("Add", "x + x", 14),
                sameTensorTwice("Div", "x / x", 15),
                sliceOperand("Add", "x + x[0:1] (batch broadcast)", 16),
                sum());
    }

    /** {@code op(x, b)} with a weight b of the given shape; gradients of x and b. */
    private static GradientCase withWeight(String op, String config, long seed, int[] x, int[] w) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, x);
        addWeight(b, op, w);
        b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x", "b").outputs("y");
        return b.wrt("x", "b").build();
    }

    /** {@code op(b, x)}; for Div, x keeps |x| ≥ 0.5. */
    private static GradientCase weightFirst(String op, String config, long seed, int[] x, int[] w) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, x);
        if (op.equals("Div")) {
            b.x(b.random().signed(b.size(), 0.5, 1.5));
        }
        b.model().initializer("b", b.random().uniform(count(w), -1, 1), longs(w));
        b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("b", "x").outputs("y");
        return b.wrt("x", "b").build();
    }

    private static void addWeight(GradientCase.Builder b, String op, int[] w) {
        float[] values = op.equals("Div") ? b.random().signed(count(w), 0.5, 1.5) : b.random().uniform(count(w), -1, 1);
        b.model().initializer("b", values, longs(w));
    }

    /** {@code op(x, GlobalAveragePool(x))}, as in squeeze-and-excitation blocks; x > 0.5 for Div. */
    private static GradientCase squeezeExcite(String op, String config, long seed) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, 2, 3, 4, 4);
        if (op.equals("Div")) {
            b.x(b.random().uniform(b.size(), 0.5, 1.5));
        }
        b.model().node("GlobalAveragePool").name("gap").inputs("x").outputs("m");
        b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x", "m").outputs("y");
        return b.build();
    }

    /** {@code op(x, x)}: one tensor in both slots, whose two gradients must be added. */
    private static GradientCase sameTensorTwice(String op, String config, long seed) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, 2, 3, 4);
        b.x(b.random().signed(b.size(), 0.5, 1.5));
        b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x", "x").outputs("y");
        return b.build();
    }

    /** {@code op(x, x[0:1])}: the slice of the first sample broadcasts over the batch. */
    private static GradientCase sliceOperand(String op, String config, long seed) {
        GradientCase.Builder b = GradientCase.of(op, config, seed, 3, 2, 4);
        b.model().int64Vector("s", 0).int64Vector("e", 1).int64Vector("a", 0);
        b.model().node("Slice").name("first").inputs("x", "s", "e", "a").outputs("x0");
        b.model().node(op).name(op.toLowerCase(java.util.Locale.ROOT)).inputs("x", "x0").outputs("y");
        return b.build();
    }

    /** {@code Sum(x, b1, b2)} with two broadcast weights. */
    private static GradientCase sum() {
        GradientCase.Builder b = GradientCase.of("Sum", "three inputs, two broadcast", 17, 2, 3, 4);
        b.model().initializer("b1", b.random().uniform(4, -1, 1), 4);
        b.model().initializer("b2", b.random().uniform(3, -1, 1), 3, 1);
        b.model().node("Sum").name("sum").inputs("x", "b1", "b2").outputs("y");
        return b.wrt("x", "b1", "b2").build();
    }

    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static long[] longs(int[] shape) {
        return java.util.Arrays.stream(shape).asLongStream().toArray();
    }
}
