package dev.neurolens.graph.reference;

import java.util.Arrays;
import java.util.Map;

/** Gemm-13 and MatMul-13 (numpy matmul: 1-D promotion and broadcast batch axes). */
final class LinearOps {
    private LinearOps() {
    }

    static void register(Map<String, Op> ops) {
        ops.put("Gemm", Op.single(LinearOps::gemm));
        ops.put("MatMul", Op.single(LinearOps::matMul));
    }

    /** {@code Y = alpha·A'·B' + beta·C}, A' = A or Aᵀ (transA), B' likewise, C broadcast to [M, N]. */
    private static DoubleTensor gemm(OpNode n) {
        DoubleTensor a = n.input(0);
        DoubleTensor b = n.input(1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("Gemm needs 2-D A and B, got " + Arrays.toString(a.dims()) + " and "
                    + Arrays.toString(b.dims()));
        }
        boolean ta = n.integer("transA", 0) != 0;
        boolean tb = n.integer("transB", 0) != 0;
        double alpha = n.real("alpha", 1);
        double beta = n.real("beta", 1);
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int cols = tb ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("Gemm inner dimensions differ: " + k + " and " + kb);
        }
        double[] av = a.data();
        double[] bv = b.data();
        double[] y = new double[m * cols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    double x = ta ? av[t * m + i] : av[i * k + t];
                    double w = tb ? bv[j * k + t] : bv[t * cols + j];
                    s += x * w;
                }
                y[i * cols + j] = alpha * s;
            }
        }
        DoubleTensor product = DoubleTensor.wrap(y, new int[] {m, cols}, a.elementType());
        return n.optionalInput(2).map(c -> ElementwiseOps.broadcast(product, c, (p, q) -> p + beta * q))
                .orElse(product);
    }

    private static DoubleTensor matMul(OpNode n) {
        DoubleTensor a = n.input(0);
        DoubleTensor b = n.input(1);
        boolean aVector = a.rank() == 1;
        boolean bVector = b.rank() == 1;
        int[] as = aVector ? new int[] {1, a.dim(0)} : a.dims();
        int[] bs = bVector ? new int[] {b.dim(0), 1} : b.dims();
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int kb = bs[bs.length - 2];
        int cols = bs[bs.length - 1];
        if (k != kb) {
            throw new IllegalArgumentException("MatMul inner dimensions differ: " + Arrays.toString(a.dims()) + " and "
                    + Arrays.toString(b.dims()));
        }
        int[] aBatch = Arrays.copyOf(as, as.length - 2);
        int[] bBatch = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast(aBatch, bBatch);
        int[] ai = Shapes.broadcastIndex(aBatch, batch);
        int[] bi = Shapes.broadcastIndex(bBatch, batch);
        double[] av = a.data();
        double[] bv = b.data();
        int batches = Shapes.size(batch);
        double[] y = new double[batches * m * cols];
        for (int q = 0; q < batches; q++) {
            int aOff = ai[q] * m * k;
            int bOff = bi[q] * k * cols;
            int yOff = q * m * cols;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += av[aOff + i * k + t] * bv[bOff + t * cols + j];
                    }
                    y[yOff + i * cols + j] = s;
                }
            }
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = cols;
        if (aVector || bVector) { // numpy drops the promoted axes again
            int[] dropped = new int[shape.length - (aVector ? 1 : 0) - (bVector ? 1 : 0)];
            System.arraycopy(batch, 0, dropped, 0, batch.length);
            int at = batch.length;
            if (!aVector) {
                dropped[at++] = m;
            }
            if (!bVector) {
                dropped[at] = cols;
            }
            shape = dropped;
        }
        return DoubleTensor.wrap(y, shape, a.elementType());
    }
}
