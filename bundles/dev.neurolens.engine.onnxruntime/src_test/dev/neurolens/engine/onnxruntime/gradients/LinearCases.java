package dev.neurolens.engine.onnxruntime.gradients;

import static dev.neurolens.engine.onnxruntime.gradients.BroadcastCases.count;
import static dev.neurolens.engine.onnxruntime.gradients.BroadcastCases.longs;

import java.util.List;

/**
 * Gemm (every transA/transB, alpha, beta, C broadcast; x as A or as B), MatMul (batch axes
 * broadcast on either side, x on either side, both operands from x) and BatchNormalization.
 * The output's first axis always has x's first size: the GraphRunner takes the seed's first axis
 * for the batch axis.
 */
final class LinearCases {
    private LinearCases() {
    }

    static List<GradientCase> all() {
        return List.of(
                gemmA("A·B + C", 1, new int[] {3, 4}, new int[] {4, 5}, new int[] {5}, 0, 0, 1f, 1f),
                gemmA("A·Bᵀ (transB) + C[3,1], alpha 0.7 beta 1.3", 2, new int[] {3, 4}, new int[] {5, 4}, new int[] {3, 1},
                        0, 1, 0.7f, 1.3f),
                gemmA("Aᵀ·B (transA)", 3, new int[] {3, 3}, new int[] {3, 5}, null, 1, 0, 1f, 1f),
                gemmA("Aᵀ·Bᵀ alpha 2, scalar C", 4, new int[] {4, 4}, new int[] {2, 4}, new int[0], 1, 1, 2f, 0.5f),
                gemmB("W·x", 5, new int[] {3, 4}, new int[] {3, 3}, 0, 0),
                gemmB("W·xᵀ (transB)", 6, new int[] {3, 3}, new int[] {3, 3}, 0, 1),
                gemmB("Wᵀ·x (transA)", 7, new int[] {4, 2}, new int[] {4, 4}, 1, 0),
                matMul("x[2,3,4]·W[4,5]", 8, new int[] {2, 3, 4}, new int[] {4, 5}, false),
                matMul("x[2,1,3,4]·W[5,4,2] batch broadcast", 9, new int[] {2, 1, 3, 4}, new int[] {5, 4, 2}, false),
                matMul("W[2,1,5,3]·x[2,3,4] batch broadcast", 10, new int[] {2, 3, 4}, new int[] {2, 1, 5, 3}, true),
                matMul("2-D x[3,4]·W[4,2]", 11, new int[] {3, 4}, new int[] {4, 2}, false),
                gram(),
                batchNorm("4-D", 21, new int[] {2, 3, 4, 5}),
                batchNorm("2-D (BatchNorm1d)", 22, new int[] {4, 3}),
                batchNorm("3-D", 23, new int[] {2, 3, 5}));
    }

    /** Gemm with x as A; gradients of x, B and C. */
    private static GradientCase gemmA(String config, long seed, int[] x, int[] w, int[] c, int transA, int transB,
            float alpha, float beta) {
        GradientCase.Builder b = GradientCase.of("Gemm", config, seed, x);
        b.model().initializer("w", b.random().uniform(count(w), -1, 1), longs(w));
        var node = b.model().node("Gemm").name("gemm").outputs("y").attr("transA", transA).attr("transB", transB)
                .attr("alpha", alpha).attr("beta", beta);
        if (c != null) {
            b.model().initializer("c", b.random().uniform(count(c), -1, 1), longs(c));
            node.inputs("x", "w", "c");
            return b.wrt("x", "w", "c").build();
        }
        node.inputs("x", "w");
        return b.wrt("x", "w").build();
    }

    /** Gemm with x as B; gradients of x and A. */
    private static GradientCase gemmB(String config, long seed, int[] x, int[] w, int transA, int transB) {
        GradientCase.Builder b = GradientCase.of("Gemm", config, seed, x);
        b.model().initializer("w", b.random().uniform(count(w), -1, 1), longs(w));
        b.model().node("Gemm").name("gemm").inputs("w", "x").outputs("y").attr("transA", transA).attr("transB", transB);
        return b.wrt("x", "w").build();
    }

    private static GradientCase matMul(String config, long seed, int[] x, int[] w, boolean xRight) {
        GradientCase.Builder b = GradientCase.of("MatMul", config, seed, x);
        b.model().initializer("w", b.random().uniform(count(w), -1, 1), longs(w));
        b.model().node("MatMul").name("matmul").inputs(xRight ? new String[] {"w", "x"} : new String[] {"x", "w"})
                .outputs("y");
        return b.wrt("x", "w").build();
    }

    /** {@code x · xᵀ} per sample: both operands come from x. */
    private static GradientCase gram() {
        GradientCase.Builder b = GradientCase.of("MatMul", "x·Transpose(x) both operands from x", 12, 2, 3, 4);
        b.model().node("Transpose").name("t").inputs("x").outputs("xt").ints("perm", 0, 2, 1);
        b.model().node("MatMul").name("matmul").inputs("x", "xt").outputs("y");
        return b.build();
    }

    private static GradientCase batchNorm(String config, long seed, int[] x) {
        GradientCase.Builder b = GradientCase.of("BatchNormalization", config, seed, x);
        int c = x[1];
        b.model().initializer("scale", b.random().uniform(c, -2, 2), c)
                .initializer("bias", b.random().uniform(c, -1, 1), c)
                .initializer("mean", b.random().uniform(c, -0.5, 0.5), c)
                .initializer("var", b.random().uniform(c, 0.2, 2), c);
        b.model().node("BatchNormalization").name("bn").inputs("x", "scale", "bias", "mean", "var").outputs("y")
                .attr("epsilon", 1e-3f);
        return b.build();
    }
}
