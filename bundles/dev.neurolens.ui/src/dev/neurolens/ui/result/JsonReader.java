package dev.neurolens.ui.result;

import dev.neurolens.core.NeuroLensException;
import java.util.List;
import java.util.Map;

/** Typed access to a parsed JSON object, with one-line errors naming the file and the member. */
final class JsonReader {
    private final Object value;
    private final String source;

    JsonReader(Object value, String source) {
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

    String string(String name) {
        Object v = member(name);
        return v == null ? "" : String.valueOf(v);
    }

    double number(String name) {
        if (member(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new NeuroLensException(source + ": member '" + name + "' is not a number");
    }

    List<?> list(String name) {
        if (member(name) instanceof List<?> l) {
            return l;
        }
        throw new NeuroLensException(source + ": member '" + name + "' is not a list");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String name) {
        if (member(name) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new NeuroLensException(source + ": member '" + name + "' is not an object");
    }

    boolean has(String name) {
        return value instanceof Map<?, ?> m && m.containsKey(name) && m.get(name) != null;
    }
}
