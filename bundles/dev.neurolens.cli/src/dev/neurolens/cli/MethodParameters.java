package dev.neurolens.cli;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.ParameterDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code --param KEY=VALUE} options of {@code explain}, checked against the method's
 * parameter descriptors before any model is opened.
 */
final class MethodParameters {
    private MethodParameters() {
    }

    /**
     * Parses and validates {@code pairs}.
     *
     * @return the given values by name (defaults are the method's business)
     * @throws UsageException on a malformed pair, a repeated or unknown name (listing the valid
     *     ones) or an invalid value (naming the allowed values)
     */
    static Map<String, String> parse(List<String> pairs, Explainer method) {
        Map<String, ParameterDescriptor> byName = new LinkedHashMap<>();
        method.parameters().forEach(d -> byName.put(d.name(), d));
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param needs KEY=VALUE, got '" + pair + "'; parameters of " + method.id()
                        + ": " + names(method));
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            ParameterDescriptor d = byName.get(key);
            if (d == null) {
                throw new UsageException("unknown parameter '" + key + "' for method " + method.id()
                        + "; valid parameters: " + names(method));
            }
            if (values.put(key, value) != null) {
                throw new UsageException("--param " + key + " given twice");
            }
            Optional<String> error = d.validate(value);
            if (error.isPresent()) {
                throw new UsageException("method " + method.id() + ": " + error.get());
            }
        }
        return values;
    }

    /** The method's parameter names, or {@code none}. */
    static String names(Explainer method) {
        return method.parameters().isEmpty() ? "none"
                : method.parameters().stream().map(ParameterDescriptor::name).collect(Collectors.joining(", "));
    }
}
