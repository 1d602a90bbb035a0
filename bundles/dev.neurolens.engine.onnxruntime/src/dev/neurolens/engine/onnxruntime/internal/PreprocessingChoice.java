package dev.neurolens.engine.onnxruntime.internal;

import dev.neurolens.core.io.Sidecar;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The preprocessing a model's images get: the caller's (from {@link ModelOptions}), else the
 * model's sidecar file, else a plain one derived from the input shape. Labels come from the
 * sidecar when the chosen preprocessing has none.
 */
final class PreprocessingChoice {

    private PreprocessingChoice() {
    }

    /**
     * @throws dev.neurolens.core.NeuroLensException if the sidecar exists but is bad
     */
    static Preprocessing choose(Path model, ModelOptions options, TensorInfo input) {
        Optional<Preprocessing> sidecar = Sidecar.read(model);
        Preprocessing chosen = options.preprocessing().or(() -> sidecar).orElseGet(() -> fromInput(input));
        if (chosen.labels().isEmpty() && sidecar.isPresent() && !sidecar.get().labels().isEmpty()) {
            chosen = chosen.withLabels(sidecar.get().labels());
        }
        return chosen;
    }

    /**
     * Plain [0,1] input of the input's size: NCHW {@code [n, c, h, w]} or NHWC {@code [n, h, w, c]}
     * with c = 1 (gray) or 3 (RGB); 224x224 RGB NCHW where the shape does not tell.
     */
    static Preprocessing fromInput(TensorInfo input) {
        List<Long> d = input.dims();
        if (d.size() == 4) {
            if (isChannels(d.get(1)) && d.get(2) > 0 && d.get(3) > 0) {
                return plain(d.get(3), d.get(2), d.get(1), Preprocessing.Layout.NCHW);
            }
            if (isChannels(d.get(3)) && d.get(1) > 0 && d.get(2) > 0) {
                return plain(d.get(2), d.get(1), d.get(3), Preprocessing.Layout.NHWC);
            }
        }
        return Preprocessing.plain(224, 224);
    }

    private static boolean isChannels(long dim) {
        return dim == 1 || dim == 3;
    }

    private static Preprocessing plain(long width, long height, long channels, Preprocessing.Layout layout) {
        Preprocessing.ChannelOrder order = channels == 1 ? Preprocessing.ChannelOrder.GRAY
                : Preprocessing.ChannelOrder.RGB;
        float[] zeros = new float[(int) channels];
        float[] ones = new float[(int) channels];
        java.util.Arrays.fill(ones, 1f);
        return new Preprocessing(Math.toIntExact(width), Math.toIntExact(height), order, layout, 255f, zeros, ones,
                Preprocessing.Resize.CENTER_CROP, List.of());
    }
}
