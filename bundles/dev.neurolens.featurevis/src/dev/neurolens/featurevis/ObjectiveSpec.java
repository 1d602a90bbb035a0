package dev.neurolens.featurevis;

import dev.neurolens.core.NeuroLensException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Objectives from the command line's words: a kind ({@code channel|neuron|layer|logit|direction})
 * and unit tokens, one image per token. A token is a unit index ({@code 5}); for neurons
 * {@code C:Y:X} (default: the centre); for logits a class index or label; for directions
 * {@code random} or {@code random:SEED}; {@code A+B} sums units (their interaction).
 *
 * @param name a file-name-safe name of the image (e.g. {@code channel-5})
 * @param objective the objective
 */
public record ObjectiveSpec(String name, Objective objective) {
    /** The kinds. */
    public static final List<String> KINDS = List.of("channel", "neuron", "layer", "logit", "direction");

    /**
     * Parses the objectives of a run.
     *
     * @param layer the layer (ignored for logits)
     * @param units unit tokens, one image each (none for {@code layer}; {@code direction} without
     *     tokens uses {@code direction})
     * @param direction a direction vector for {@code direction}, or null
     * @param labels class labels (for logits by name)
     * @throws NeuroLensException naming the token, layer or unit at fault
     */
    public static List<ObjectiveSpec> parse(Objectives o, String kind, String layer, List<String> units,
            boolean negative, float[] direction, List<String> labels) {
        if (!KINDS.contains(kind)) {
            throw new NeuroLensException("unknown objective '" + kind + "'; valid: " + String.join(", ", KINDS));
        }
        List<ObjectiveSpec> out = new ArrayList<>();
        if (kind.equals("layer") || kind.equals("direction") && direction != null && units.isEmpty()) {
            Objective obj = kind.equals("layer") ? o.layer(need(layer)) : o.direction(need(layer), direction);
            out.add(new ObjectiveSpec(kind, negative ? obj.negate() : obj));
            return out;
        }
        if (units.isEmpty()) {
            throw new NeuroLensException("the " + kind + " objective needs --unit");
        }
        for (String token : units) {
            Objective sum = null;
            for (String part : token.split("\\+")) {
                Objective one = single(o, kind, layer, part.strip(), labels);
                sum = sum == null ? one : sum.plus(one);
            }
            String name = (negative ? "negative-" : "") + kind + "-" + token.replaceAll("[^A-Za-z0-9_.+-]", "_");
            out.add(new ObjectiveSpec(name, negative ? sum.negate() : sum));
        }
        return numberRepeats(out);
    }

    /** Repeated names (the same unit several times, e.g. with diversity) get {@code .0}, {@code .1}, … */
    private static List<ObjectiveSpec> numberRepeats(List<ObjectiveSpec> specs) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        specs.forEach(s -> counts.merge(s.name(), 1, Integer::sum));
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<ObjectiveSpec> out = new ArrayList<>();
        for (ObjectiveSpec s : specs) {
            if (counts.get(s.name()) > 1) {
                int k = seen.merge(s.name(), 1, Integer::sum) - 1;
                out.add(new ObjectiveSpec(s.name() + "." + k, s.objective()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Objective single(Objectives o, String kind, String layer, String token, List<String> labels) {
        return switch (kind) {
            case "channel" -> o.channel(need(layer), index(token, "unit"));
            case "neuron" -> neuron(o, need(layer), token);
            case "logit" -> o.logit(classIndex(token, labels));
            case "direction" -> {
                if (!token.startsWith("random")) {
                    throw new NeuroLensException("a direction unit is 'random' or 'random:SEED' (or give --direction"
                            + " FILE.npy), got '" + token + "'");
                }
                long seed = token.contains(":") ? index(token.substring(token.indexOf(':') + 1), "seed") : 0;
                yield o.randomDirection(need(layer), seed);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static Objective neuron(Objectives o, String layer, String token) {
        String[] p = token.split(":");
        int c = index(p[0], "unit");
        int[] shape = o.shape(layer);
        if (p.length == 1) {
            return o.neuron(layer, c, shape.length > 1 ? shape[1] / 2 : 0, shape.length > 2 ? shape[2] / 2 : 0);
        }
        if (p.length != 3) {
            throw new NeuroLensException("a neuron is CHANNEL or CHANNEL:Y:X, got '" + token + "'");
        }
        return o.neuron(layer, c, index(p[1], "row"), index(p[2], "column"));
    }

    private static int classIndex(String token, List<String> labels) {
        if (labels.contains(token)) {
            return labels.indexOf(token);
        }
        if (!token.matches("-?[0-9]+")) {
            throw new NeuroLensException("class '" + token + "' is neither a class index nor a label"
                    + (labels.isEmpty() ? " (the model has no labels)" : "; labels: " + String.join(", ", labels)));
        }
        return index(token, "class");
    }

    private static String need(String layer) {
        if (layer == null) {
            throw new NeuroLensException("this objective needs --layer");
        }
        return layer;
    }

    private static int index(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new NeuroLensException(String.format(Locale.ROOT, "the %s must be an integer, got '%s'", what, text));
        }
    }
}
