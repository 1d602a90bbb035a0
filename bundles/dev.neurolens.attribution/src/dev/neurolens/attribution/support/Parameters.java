package dev.neurolens.attribution.support;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.ParameterDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An explainer's parameters after validation: every declared parameter with its value (the
 * caller's, or the default), in declaration order.
 */
public final class Parameters {
    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks {@code given} against {@code descriptors} and fills in defaults.
     *
     * @param method the explainer id, for messages
     * @throws NeuroLensException naming the parameter and the valid names or values when a name
     *     is unknown or a value is invalid
     */
    public static Parameters resolve(String method, List<ParameterDescriptor> descriptors, Map<String, String> given) {
        Map<String, ParameterDescriptor> byName = new LinkedHashMap<>();
        descriptors.forEach(d -> byName.put(d.name(), d));
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                throw new NeuroLensException("unknown parameter '" + name + "' for method " + method
                        + "; valid parameters: " + validNames(descriptors));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ParameterDescriptor d : descriptors) {
            String value = given.getOrDefault(d.name(), d.defaultValue());
            Optional<String> error = d.validate(value);
            if (error.isPresent()) {
                throw new NeuroLensException("method " + method + ": " + error.get());
            }
            values.put(d.name(), value.trim());
        }
        return new Parameters(values);
    }

    /** The declared names, comma-separated, or {@code none}. */
    public static String validNames(List<ParameterDescriptor> descriptors) {
        return descriptors.isEmpty() ? "none"
                : descriptors.stream().map(ParameterDescriptor::name).collect(Collectors.joining(", "));
    }

    /** The value of a declared parameter as text. */
    public String text(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not declared");
        }
        return v;
    }

    /** The value of an integer parameter. */
    public int integer(String name) {
        return Integer.parseInt(text(name));
    }

    /** The value of a float parameter. */
    public double real(String name) {
        return Double.parseDouble(text(name));
    }

    /** The value of a boolean parameter. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(text(name));
    }

    /** All values by name, in declaration order (unmodifiable). */
    public Map<String, String> asMap() {
        return values;
    }
}
