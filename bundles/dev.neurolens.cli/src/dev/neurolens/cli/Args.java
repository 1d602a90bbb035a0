package dev.neurolens.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parsed options of one command: {@code --name value}, {@code --name=value} and flags. Every
 * option a command accepts is declared up front, so a typo is an error that lists the valid ones.
 */
final class Args {
    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> flags = new TreeSet<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses {@code tokens}.
     *
     * @param valueOptions options that take a value (may repeat), without the leading dashes
     * @param flagOptions options without a value
     * @throws UsageException on an unknown option, a missing value or a stray argument
     */
    static Args parse(String command, List<String> tokens, Set<String> valueOptions, Set<String> flagOptions) {
        Args a = new Args(command);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!t.startsWith("--") || t.length() == 2) {
                throw new UsageException("unexpected argument '" + t + "' for '" + command + "'; see 'neurolens "
                        + command + " --help'");
            }
            String name = t.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                a.flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= tokens.size() || tokens.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = tokens.get(++i);
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                Set<String> valid = new TreeSet<>(valueOptions);
                valid.addAll(flagOptions);
                throw new UsageException("unknown option --" + name + " for '" + command + "'; valid options: "
                        + (valid.isEmpty() ? "none" : "--" + String.join(", --", valid)));
            }
        }
        return a;
    }

    /** The single value of {@code name}, if given. */
    Optional<String> value(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.size() > 1) {
            throw new UsageException("--" + name + " given " + v.size() + " times for '" + command + "'");
        }
        return Optional.of(v.get(0));
    }

    /** The value of a required option. */
    String required(String name) {
        return value(name).orElseThrow(() -> new UsageException("'" + command + "' needs --" + name
                + "; see 'neurolens " + command + " --help'"));
    }

    /** All values of a repeatable option. */
    List<String> values(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** Whether a flag was given. */
    boolean flag(String name) {
        return flags.contains(name);
    }

    /** An integer option in {@code [min, max]}, or its default. */
    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v.get() + "'");
        }
    }

    /** A finite number option in {@code [min, max]}, or its default. */
    double number(String name, double defaultValue, double min, double max) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        double x;
        try {
            x = Double.parseDouble(v.get().strip());
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        if (!Double.isFinite(x)) {
            throw new UsageException("--" + name + " must be a finite number, got '" + v.get() + "'");
        }
        if (x < min || x > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + v.get());
        }
        return x;
    }
}
