package dev.neurolens.featurevis;

import dev.neurolens.featurevis.param.Regularizers;
import dev.neurolens.featurevis.param.Transforms;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link VisualizationSettings} from {@code KEY=VALUE} parameters (the CLI's {@code --param}), with
 * a one-line error naming the key for an unknown key or a bad value.
 */
public final class SettingsParser {
    /** Every key, in the order the help lists them. */
    public static final List<String> KEYS = List.of("steps", "lr", "size", "fourier", "decorrelate", "decay", "sd",
            "transforms", "pad", "padding", "jitter", "scale", "rotate", "tv", "l1", "l2", "seed", "diversity");

    private SettingsParser() {
    }

    /**
     * Parses {@code params} over the defaults.
     *
     * @param inputSize the model's input side (the default image size, for the default transforms)
     * @throws IllegalArgumentException naming the key for an unknown key or an invalid value
     */
    public static VisualizationSettings parse(Map<String, String> params, int inputSize) {
        for (String k : params.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; valid parameters: "
                        + String.join(", ", KEYS));
            }
        }
        VisualizationSettings d = VisualizationSettings.defaults();
        int size = integer(params, "size", 0, 0, 1024);
        Transforms t = Transforms.defaults(size > 0 ? size : inputSize);
        boolean transforms = bool(params, "transforms", true);
        if (transforms) {
            t = new Transforms(integer(params, "pad", t.pad(), 0, 256), choice(params, "padding", "constant",
                    "constant", "reflect").equals("reflect"), integer(params, "jitter", t.jitter(), 0, 256),
                    real(params, "scale", t.scale(), 0, 0.9), integer(params, "rotate", t.rotate(), 0, 180),
                    integer(params, "jitter", 2 * t.jitter2(), 0, 512) / 2);
        } else {
            t = Transforms.none();
        }
        return new VisualizationSettings(integer(params, "steps", d.steps(), 0, 100_000),
                positive(params, "lr", d.learningRate()), size, bool(params, "fourier", d.fourier()),
                bool(params, "decorrelate", d.decorrelate()), real(params, "decay", d.decay(), 0, 4),
                real(params, "sd", d.sd(), 0, 10), t,
                new Regularizers(real(params, "tv", 0, 0, 1e6), real(params, "l1", 0, 0, 1e6),
                        real(params, "l2", 0, 0, 1e6)),
                longValue(params, "seed", d.seed()), real(params, "diversity", 0, 0, 1e6));
    }

    private static int integer(Map<String, String> p, String key, int def, int min, int max) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static long longValue(Map<String, String> p, String key, long def) {
        String v = p.get(key);
        try {
            return v == null ? def : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static double real(Map<String, String> p, String key, double def, double min, double max) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (!(x >= min && x <= max)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %s and %s, got %s",
                        key, min, max, v));
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }

    private static double positive(Map<String, String> p, String key, double def) {
        double x = real(p, key, def, 0, 100);
        if (x == 0) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return x;
    }

    private static boolean bool(Map<String, String> p, String key, boolean def) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        };
    }

    private static String choice(Map<String, String> p, String key, String def, String... allowed) {
        String v = p.getOrDefault(key, def).strip();
        if (!List.of(allowed).contains(v)) {
            throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", got '" + v
                    + "'");
        }
        return v;
    }
}
