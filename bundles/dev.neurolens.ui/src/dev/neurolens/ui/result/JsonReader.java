package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import java.util.List;
import java.util.Map;

/** Typed access to a parsed JSON object, with one-line errors naming the file and the member. */
public final class JsonReader {
    private final Object value;
    private final String source;

    /**
     * A reader of {@code value}, a parsed JSON value ({@link dev.neurolens.core.io.Json#read}).
     *
     * @param source what errors name: the file
     */
    public JsonReader(Object value, String source) {
        this.value = value;
        this.source = source;
    }

    private Object member(String name) {
        if (name.isEmpty()) {
            return value;
        }
        if (!(value instanceof Map<?, ?> m) || !m.containsKey(name)) {
            throw new NeuroLensException(source + ": member '" + name + "' is missing");
        }
        return m.get(name);
    }

    /** The member {@code name} as text (the empty string for null). */
    public String string(String name) {
        Object v = member(name);
        return v == null ? "" : String.valueOf(v);
    }

    /** The member {@code name}, a number. */
    public double number(String name) {
        if (member(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new NeuroLensException(source + ": member '" + name + "' is not a number");
    }

    /** The member {@code name}, a list. */
    public List<?> list(String name) {
        if (member(name) instanceof List<?> l) {
            return l;
        }
        throw new NeuroLensException(source + ": member '" + name + "' is not a list");
    }

    /** The member {@code name}, an object; the value itself for the empty name. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        if (member(name) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new NeuroLensException(source + ": member '" + name + "' is not an object");
    }

    /** Whether the member {@code name} is present and not null. */
    public boolean has(String name) {
        return value instanceof Map<?, ?> m && m.containsKey(name) && m.get(name) != null;
    }
}
