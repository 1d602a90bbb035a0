package dev.neurolens.lrp.internal;

import dev.neurolens.attribution.support.Parameters;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the text-valued LRP parameters: {@code rules}, {@code low}, {@code high}. */
final class LrpParameters {
    private LrpParameters() {
    }

    /**
     * {@code rules=NODE:RULE,NODE:RULE}: rule names by node name (node names may contain
     * {@code :}; the rule is after the last one).
     *
     * @throws NeuroLensException naming the malformed entry
     */
    static Map<String, String> rulesByNode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text.isBlank()) {
            return m;
        }
        for (String entry : text.split(",")) {
            String t = entry.trim();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                throw new NeuroLensException("method lrp: rules must be NODE:RULE entries separated by commas, e.g. "
                        + "rules=/conv1/Conv:flat,/fc/Gemm:epsilon; got '" + t + "'");
            }
            m.put(t.substring(0, colon), t.substring(colon + 1));
        }
        return m;
    }

    /**
     * The box bounds of the model input: {@code auto} = black and white pixels after the
     * model's preprocessing ({@code (0/scale − mean)/std} and {@code (255/scale − mean)/std} per
     * channel), or one number, or one per channel, comma-separated.
     */
    static Bounds bounds(Parameters p, Preprocessing pre) {
        float[] low = values(p.text("low"), "low", pre, 0f);
        float[] high = values(p.text("high"), "high", pre, 255f);
        if (low.length != high.length && low.length != 1 && high.length != 1) {
            throw new NeuroLensException("method lrp: low and high have " + low.length + " and " + high.length
                    + " values; give one value, or one per channel, for each");
        }
        int n = Math.max(low.length, high.length);
        for (int i = 0; i < n; i++) {
            float lo = low[low.length == 1 ? 0 : i];
            float hi = high[high.length == 1 ? 0 : i];
            if (!(lo < hi)) {
                throw new NeuroLensException("method lrp: low must be below high in every channel; channel " + i
                        + " has low " + lo + ", high " + hi);
            }
        }
        return Bounds.of(low, high);
    }

    private static float[] values(String text, String name, Preprocessing pre, float pixel) {
        if (text.equals("auto")) {
            float[] mean = pre.mean();
            float[] std = pre.std();
            float[] v = new float[mean.length];
            for (int c = 0; c < v.length; c++) {
                v[c] = (pixel / pre.scale() - mean[c]) / std[c];
            }
            return v;
        }
        String[] parts = text.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new NeuroLensException("method lrp: " + name + " must be auto, a number or one number per "
                        + "channel separated by commas; got '" + text + "'");
            }
            if (!Float.isFinite(v[i])) {
                throw new NeuroLensException("method lrp: " + name + " must be finite; got '" + text + "'");
            }
        }
        return v;
    }
}
