package dev.neurolens.core.explain;

import java.util.List;
import java.util.Optional;

/**
 * One parameter of an explainer: enough for a front end to build a form field and validate the
 * value. Parameter names are part of the public interface (scripts depend on them).
 *
 * @param name the key used in {@code --param name=value}
 * @param type the value's type
 * @param description one sentence for users
 * @param defaultValue the default as text
 * @param min the smallest allowed value for numbers, if bounded
 * @param max the largest allowed value for numbers, if bounded
 * @param choices the allowed values for {@link Type#CHOICE}
 */
public record ParameterDescriptor(String name, Type type, String description, String defaultValue,
        Optional<Double> min, Optional<Double> max, List<String> choices) {

    /** Value types. */
    public enum Type { INTEGER, FLOAT, BOOLEAN, STRING, CHOICE, FILE }

    /** Compact constructor: copies the choices. */
    public ParameterDescriptor {
        choices = List.copyOf(choices);
    }

    /** An integer parameter in {@code [min, max]}. */
    public static ParameterDescriptor integer(String name, String description, int defaultValue, int min, int max) {
        return new ParameterDescriptor(name, Type.INTEGER, description, Integer.toString(defaultValue),
                Optional.of((double) min), Optional.of((double) max), List.of());
    }

    /** A float parameter in {@code [min, max]}. */
    public static ParameterDescriptor real(String name, String description, double defaultValue, double min,
            double max) {
        return new ParameterDescriptor(name, Type.FLOAT, description, Double.toString(defaultValue),
                Optional.of(min), Optional.of(max), List.of());
    }

    /** A parameter that takes one of {@code choices}. */
    public static ParameterDescriptor choice(String name, String description, String defaultValue,
            List<String> choices) {
        return new ParameterDescriptor(name, Type.CHOICE, description, defaultValue, Optional.empty(),
                Optional.empty(), choices);
    }

    /** A boolean parameter. */
    public static ParameterDescriptor flag(String name, String description, boolean defaultValue) {
        return new ParameterDescriptor(name, Type.BOOLEAN, description, Boolean.toString(defaultValue),
                Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * Checks a value given as text.
     *
     * @return an error message naming the parameter and the allowed values, or empty if valid
     */
    public Optional<String> validate(String value) {
        try {
            switch (type) {
                case INTEGER -> checkRange(Long.parseLong(value.trim()));
                case FLOAT -> checkRange(Double.parseDouble(value.trim()));
                case BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        return Optional.of(name + " must be true or false, got '" + value + "'");
                    }
                }
                case CHOICE -> {
                    if (!choices.contains(value)) {
                        return Optional.of(name + " must be one of " + String.join(", ", choices) + "; got '"
                                + value + "'");
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException e) {
            return Optional.of(name + " must be " + (type == Type.INTEGER ? "an integer" : "a number")
                    + ", got '" + value + "'");
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private void checkRange(double v) {
        if (Double.isNaN(v) || min.isPresent() && v < min.get() || max.isPresent() && v > max.get()) {
            throw new IllegalArgumentException(name + " must be in [" + min.map(String::valueOf).orElse("-inf")
                    + ", " + max.map(String::valueOf).orElse("inf") + "], got " + v);
        }
    }
}
