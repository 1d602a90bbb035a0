package dev.neurolens.graph.reference;

import java.util.Arrays;

/**
 * Pad-13 to Pad-19: {@code pads} input {@code [b1…bn, e1…en]} for all axes, or for the axes of the
 * optional {@code axes} input (Pad-18); negative pads crop. Modes: {@code constant} (the optional
 * {@code constant_value} input, default 0), {@code reflect} (mirror without repeating the edge),
 * {@code edge} (repeat the edge) and {@code wrap} (periodic, Pad-19).
 */
final class PadOp {
    private PadOp() {
    }

    static DoubleTensor apply(OpNode n) {
        DoubleTensor x = n.input(0);
        int r = x.rank();
        long[] given = n.optionalInput(1).map(DoubleTensor::toLongs).orElse(n.ints("pads", null));
        if (given == null) {
            throw new IllegalArgumentException("Pad needs pads");
        }
        double value = n.optionalInput(2).filter(t -> t.size() > 0).map(t -> t.get(0)).orElse(n.real("value", 0));
        long[] axes = n.optionalInput(3).map(DoubleTensor::toLongs).orElse(null);
        int[] begin = new int[r];
        int[] end = new int[r];
        int k = axes == null ? r : axes.length;
        if (given.length != 2 * k) {
            throw new IllegalArgumentException("Pad has " + given.length + " pads for " + k + " axes");
        }
        for (int i = 0; i < k; i++) {
            int a = axes == null ? i : Shapes.axis(axes[i], r);
            begin[a] = Math.toIntExact(given[i]);
            end[a] = Math.toIntExact(given[i + k]);
        }
        String mode = n.text("mode", "constant");
        int[] s = x.dims();
        int[] shape = new int[r];
        int[][] source = new int[r][];
        for (int a = 0; a < r; a++) {
            shape[a] = s[a] + begin[a] + end[a];
            if (shape[a] < 0) {
                throw new IllegalArgumentException("Pad crops axis " + a + " below zero");
            }
            source[a] = new int[shape[a]];
            for (int o = 0; o < shape[a]; o++) {
                source[a][o] = sourceIndex(o - begin[a], s[a], mode);
            }
        }
        int[] strides = Shapes.strides(s);
        double[] v = x.data();
        double[] out = new double[Shapes.size(shape)];
        int[] idx = new int[r];
        for (int i = 0; i < out.length; i++) {
            int flat = 0;
            boolean inside = true;
            for (int a = 0; a < r && inside; a++) {
                int src = source[a][idx[a]];
                inside = src >= 0;
                flat += src * strides[a];
            }
            out[i] = inside ? v[flat] : value;
            for (int a = r - 1; a >= 0 && ++idx[a] == shape[a]; a--) {
                idx[a] = 0;
            }
        }
        return DoubleTensor.wrap(out, shape, x.elementType());
    }

    /** The input index an output position reads along one axis, or -1 for the constant. */
    private static int sourceIndex(int i, int dim, String mode) {
        if (i >= 0 && i < dim) {
            return i;
        }
        return switch (mode) {
            case "constant" -> -1;
            case "edge" -> i < 0 ? 0 : dim - 1;
            case "wrap" -> Math.floorMod(i, dim);
            case "reflect" -> reflect(i, dim);
            default -> throw new IllegalArgumentException("unknown Pad mode " + mode + "; expected one of "
                    + Arrays.toString(new String[] {"constant", "reflect", "edge", "wrap"}));
        };
    }

    private static int reflect(int i, int dim) {
        if (dim == 1) {
            return 0;
        }
        int period = 2 * (dim - 1);
        int j = Math.floorMod(i, period);
        return j < dim ? j : period - j;
    }
}
