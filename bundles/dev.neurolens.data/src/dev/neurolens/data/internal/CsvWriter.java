package dev.neurolens.data.internal;

import java.util.List;

/**
 * Builds CSV text as Python's {@code csv} module writes it with minimal quoting: a field is quoted
 * only if it holds a comma, a quote or a line break. Lines end in LF (Python writes CRLF by
 * default; both read the same, and LF keeps committed samples clean in git).
 */
public final class CsvWriter {
    private final StringBuilder out = new StringBuilder();

    /** Appends one line of fields. */
    public CsvWriter line(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(fields.get(i));
        }
        out.append('\n');
        return this;
    }

    /** Appends one line of fields. */
    public CsvWriter line(String... fields) {
        return line(List.of(fields));
    }

    private void field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** The text so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
