package dev.neurolens.graph.reference;

import java.util.Arrays;

/**
 * Resize-13 (to 18) in modes {@code nearest} and {@code linear}, with the {@code scales} or
 * {@code sizes} input. Output length {@code floor(in · scale)} (scales) or the given size (then
 * {@code scale = out / in}). Each output coordinate maps back to the input by
 * coordinate_transformation_mode: half_pixel {@code (x + 0.5) / scale - 0.5} (default),
 * pytorch_half_pixel (the same, 0 for an output of length 1), align_corners
 * {@code x · (in - 1) / (out - 1)}, asymmetric {@code x / scale}. Nearest rounds by nearest_mode
 * (round_prefer_floor by default, round_prefer_ceil, floor, ceil); linear interpolates between the
 * two neighbours; both clamp to the input. Linear in n dimensions is separable, so the axes are
 * resampled one after the other.
 */
final class ResizeOp {
    private ResizeOp() {
    }

    static DoubleTensor apply(OpNode n) {
        DoubleTensor x = n.input(0);
        int r = x.rank();
        String mode = n.text("mode", "nearest");
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw new IllegalArgumentException("Resize mode " + mode + " is not supported (nearest, linear)");
        }
        if (n.has("axes") || n.integer("antialias", 0) != 0) {
            throw new IllegalArgumentException("Resize with axes or antialias (opset 18) is not supported");
        }
        double[] scales = n.optionalInput(2).filter(t -> t.size() > 0).map(DoubleTensor::values).orElse(null);
        long[] sizes = n.optionalInput(3).filter(t -> t.size() > 0).map(DoubleTensor::toLongs).orElse(null);
        if ((scales == null) == (sizes == null)) {
            throw new IllegalArgumentException("Resize needs exactly one of scales and sizes");
        }
        if ((scales != null ? scales.length : sizes.length) != r) {
            throw new IllegalArgumentException("Resize needs " + r + " scales or sizes");
        }
        String transform = n.text("coordinate_transformation_mode", "half_pixel");
        String nearestMode = n.text("nearest_mode", "round_prefer_floor");
        DoubleTensor y = x;
        for (int a = 0; a < r; a++) {
            int in = x.dim(a);
            int out = sizes != null ? Math.toIntExact(sizes[a]) : (int) Math.floor(in * scales[a]);
            double scale = sizes != null ? (double) out / in : scales[a];
            if (out == in && scale == 1) {
                continue; // every mode maps x to x
            }
            y = resampleAxis(y, a, out, scale, transform, mode.equals("linear"), nearestMode);
        }
        return y;
    }

    private static DoubleTensor resampleAxis(DoubleTensor x, int axis, int out, double scale, String transform,
            boolean linear, String nearestMode) {
        int[] s = x.dims();
        int in = s[axis];
        int outer = Shapes.size(Arrays.copyOfRange(s, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(s, axis + 1, s.length));
        int[] lo = new int[out];
        int[] hi = new int[out];
        double[] w = new double[out];
        for (int o = 0; o < out; o++) {
            double c = original(o, in, out, scale, transform);
            if (linear) {
                c = Math.max(0, Math.min(in - 1, c));
                lo[o] = (int) Math.floor(c);
                hi[o] = Math.min(lo[o] + 1, in - 1);
                w[o] = c - lo[o];
            } else {
                int i = (int) Math.max(0, Math.min(in - 1, round(c, nearestMode)));
                lo[o] = i;
                hi[o] = i;
            }
        }
        double[] v = x.data();
        double[] y = new double[outer * out * inner];
        for (int p = 0; p < outer; p++) {
            for (int o = 0; o < out; o++) {
                int a = (p * in + lo[o]) * inner;
                int b = (p * in + hi[o]) * inner;
                int t = (p * out + o) * inner;
                for (int q = 0; q < inner; q++) {
                    y[t + q] = (1 - w[o]) * v[a + q] + w[o] * v[b + q];
                }
            }
        }
        int[] shape = s.clone();
        shape[axis] = out;
        return DoubleTensor.wrap(y, shape, x.elementType());
    }

    private static double original(int o, int in, int out, double scale, String transform) {
        return switch (transform) {
            case "half_pixel" -> (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel" -> out > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "align_corners" -> out == 1 ? 0 : o * (in - 1.0) / (out - 1.0);
            case "asymmetric" -> o / scale;
            default -> throw new IllegalArgumentException("Resize coordinate_transformation_mode " + transform
                    + " is not supported");
        };
    }

    private static double round(double c, String mode) {
        double f = Math.floor(c);
        boolean half = c - f == 0.5;
        return switch (mode) {
            case "round_prefer_floor" -> half ? f : Math.rint(c);
            case "round_prefer_ceil" -> half ? f + 1 : Math.rint(c);
            case "floor" -> f;
            case "ceil" -> Math.ceil(c);
            default -> throw new IllegalArgumentException("Resize nearest_mode " + mode + " is not supported");
        };
    }
}
