package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an input-space attribution {@code [C,H,W]} becomes one value per pixel {@code [H,W]}. */
public enum ChannelReduction {
    /** Sum over channels, keeping the sign. */
    SUM,
    /** Sum of absolute values over channels. */
    ABS_SUM,
    /** Largest absolute value over channels (Simonyan et al.'s saliency map). */
    MAX_ABS,
    /** Euclidean norm over channels. */
    L2;

    /**
     * Reduces a {@code [C,H,W]} map to {@code [H,W]}.
     *
     * @throws IllegalArgumentException if the map is not of rank 3
     */
    public Tensor reduce(Tensor chw) {
        return reduce(chw, Layout.NCHW);
    }

    /**
     * Reduces a map laid out as {@code layout} without the batch axis ({@code [C,H,W]} for NCHW,
     * {@code [H,W,C]} for NHWC) to {@code [H,W]}.
     *
     * @throws IllegalArgumentException if the map is not of rank 3
     */
    public Tensor reduce(Tensor map, Layout layout) {
        if (map.rank() != 3) {
            throw new IllegalArgumentException("channel reduction needs a map of rank 3 ("
                    + (layout == Layout.NCHW ? "[C,H,W]" : "[H,W,C]") + "), got " + map.shapeString());
        }
        boolean chw = layout == Layout.NCHW;
        int c = chw ? map.dim(0) : map.dim(2);
        int h = chw ? map.dim(1) : map.dim(0);
        int w = chw ? map.dim(2) : map.dim(1);
        int pixels = h * w;
        float[] out = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            double acc = 0;
            for (int k = 0; k < c; k++) {
                float v = map.get(chw ? k * pixels + p : p * c + k);
                acc = switch (this) {
                    case SUM -> acc + v;
                    case ABS_SUM -> acc + Math.abs(v);
                    case MAX_ABS -> k == 0 ? Math.abs(v) : Math.max(acc, Math.abs(v));
                    case L2 -> acc + (double) v * v;
                };
            }
            out[p] = (float) (this == L2 ? Math.sqrt(acc) : acc);
        }
        return Tensor.wrap(out, h, w);
    }

    /** The name as users type it, e.g. {@code abs-sum}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The reduction of that name, ignoring case; {@code -} and {@code _} are interchangeable and
     * {@code abs-max} means {@link #MAX_ABS}.
     *
     * @throws NeuroLensException listing the valid names if there is none of that name
     */
    public static ChannelReduction parse(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("ABS_MAX")) {
            return MAX_ABS;
        }
        for (ChannelReduction r : values()) {
            if (r.name().equals(n)) {
                return r;
            }
        }
        throw new NeuroLensException("unknown channel reduction '" + name + "'; valid reductions: "
                + Arrays.stream(values()).map(ChannelReduction::displayName).collect(Collectors.joining(", ")));
    }
}
