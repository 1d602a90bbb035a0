package dev.neurolens.graph.compile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An identity 1×1 depthwise convolution that ONNX Runtime runs in its blocked (NCHWc) layout:
 * placed on a plain tensor that several blocked element-wise ops read, it converts the tensor once
 * and lets those ops stay blocked, where each would otherwise convert its other, blocked input back
 * to plain (the values are unchanged: {@code x·1}).
 */
public final class LayoutBarrier {
    /** ONNX Runtime's block size on AVX-512 machines; on AVX2 machines (8) every multiple of 16 works too. */
    static final long CHANNELS = 16;

    private LayoutBarrier() {
    }

    /** Whether ONNX Runtime can hold a tensor of {@code shape} blocked (4-D, channels a multiple of 16). */
    public static boolean blockable(long[] shape) {
        return shape != null && shape.length == 4 && shape[1] > 0 && shape[1] % CHANNELS == 0;
    }

    /** A barrier on {@code tensor} when its {@code shape} is {@link #blockable}, else {@code tensor} itself. */
    public static String on(String tensor, long[] shape, Emitter e) {
        if (!blockable(shape)) {
            return tensor;
        }
        String out = conv(tensor, shape[1], e);
        e.declareShape(out, shape);
        return out;
    }

    /** The barrier node on a tensor of {@code channels} channels. */
    static String conv(String tensor, long channels, Emitter e) {
        float[] ones = new float[(int) channels];
        Arrays.fill(ones, 1f);
        return e.node("Conv", List.of(tensor, e.floats(ones, channels, 1, 1, 1)),
                Map.of("group", channels, "kernel_shape", new long[] {1, 1}));
    }
}
